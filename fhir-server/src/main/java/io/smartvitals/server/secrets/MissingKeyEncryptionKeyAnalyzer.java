package io.smartvitals.server.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing key-encryption key into Boot's short start-up report instead of a stack trace. */
public final class MissingKeyEncryptionKeyAnalyzer extends AbstractFailureAnalyzer<MissingKeyEncryptionKey> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingKeyEncryptionKey cause) {
		return new FailureAnalysis(cause.getMessage(), "See docs/operate/deployment.md, \"Secrets\".", cause);
	}
}
