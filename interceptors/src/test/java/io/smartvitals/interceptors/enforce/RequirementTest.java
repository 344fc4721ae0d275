package io.smartvitals.interceptors.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import io.smartvitals.smart.model.scope.Interaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RequirementTest {

	@Test
	void conditionalWritesNeedSearchToo() {
		assertThat(Requirement.of(RestOperationTypeEnum.CREATE, "Observation", null, true, false))
				.isEqualTo(new Requirement.OnType("Observation", Interaction.CONDITIONAL_CREATE));
		assertThat(Requirement.of(RestOperationTypeEnum.DELETE, "Observation", null, true, false))
				.isEqualTo(new Requirement.OnType("Observation", Interaction.CONDITIONAL_DELETE));
	}

	@Test
	void instanceHistoryEverythingAndMetaMustSeeTheInstance() {
		assertThat(Requirement.of(RestOperationTypeEnum.HISTORY_INSTANCE, "Patient", null, false, true)).isInstanceOf(Requirement.OnInstance.class);
		assertThat(Requirement.of(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "Patient", "$everything", false, true))
				.isEqualTo(new Requirement.OnInstance("Patient", Interaction.READ));
		assertThat(Requirement.of(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "Observation", "$meta-add", false, true))
				.isEqualTo(new Requirement.OnInstance("Observation", Interaction.UPDATE));
	}

	@Test
	void exportAndTypeLevelEverythingAreForBackendClientsOnly() {
		assertThat(Requirement.of(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, "Patient", "$export", false, false)).isInstanceOf(Requirement.SystemOnly.class);
		assertThat(Requirement.of(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, null, "$export", false, false)).isInstanceOf(Requirement.SystemOnly.class);
		assertThat(Requirement.of(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, null, "$export-poll-status", false, false)).isInstanceOf(Requirement.SystemOnly.class);
		assertThat(Requirement.of(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, null, "$export-file", false, false)).isInstanceOf(Requirement.SystemOnly.class);
		assertThat(Requirement.of(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, "Patient", "$everything", false, false)).isInstanceOf(Requirement.SystemOnly.class);
	}

	@Test
	void unknownOperationsAreRefused() {
		assertThat(Requirement.of(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, null, "$expunge", false, false)).isInstanceOf(Requirement.Refused.class);
		assertThat(Requirement.of(null, null, null, false, false)).isInstanceOf(Requirement.Refused.class);
	}

	@ParameterizedTest
	@EnumSource(value = RestOperationTypeEnum.class, names = {"GRAPHQL_REQUEST", "ADD_TAGS", "DELETE_TAGS", "GET_TAGS", "UPDATE_REWRITE_HISTORY", "META", "META_ADD", "META_DELETE", "VALIDATE"})
	void interactionsNotExplicitlyHandledAreRefused(RestOperationTypeEnum op) {
		assertThat(Requirement.of(op, "Patient", null, false, true)).isInstanceOf(Requirement.Refused.class);
	}

	@ParameterizedTest
	@EnumSource(RestOperationTypeEnum.class)
	void everyHapiInteractionHasARequirement(RestOperationTypeEnum op) {
		assertThat(Requirement.of(op, "Patient", "$x", false, true)).isNotNull();
	}
}
