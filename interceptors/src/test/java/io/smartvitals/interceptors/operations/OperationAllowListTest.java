package io.smartvitals.interceptors.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OperationAllowListTest {

	private final OperationAllowList tenantDefaults = OperationAllowList.tenantDefaults();

	@ParameterizedTest
	@ValueSource(strings = {"$everything", "$meta", "$validate", "metadata"})
	@NullSource
	void tenantOperationsAndPlainRestArePermitted(String operation) {
		assertThat(tenantDefaults.permits(operation)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = {"$expunge", "$reindex", "$get-resource-counts", "$mark-all-resources-for-reindex",
		"$partition-management-create-partition", "$graphql", "$EVERYTHING", "$trigger-subscription"})
	void everyOtherOperationIsDenied(String operation) {
		assertThat(tenantDefaults.permits(operation)).isFalse();
	}
}
