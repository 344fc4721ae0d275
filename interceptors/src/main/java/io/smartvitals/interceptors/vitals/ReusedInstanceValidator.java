package io.smartvitals.interceptors.vitals;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;

/**
 * HAPI's instance validator, keeping one core {@link InstanceValidator} per thread instead of
 * building one per resource. Building one re-reads the core library's OID table (a CSV of
 * thousands of rows), which was most of a vital sign's validation time. Only JSON resources with
 * known profiles take this path (what {@link VitalSignsValidator} sends); anything else goes
 * through HAPI's own per-call path. A validator is rebuilt after {@link #REBUILD_AFTER} uses and
 * its per-resource output list is emptied after each, so nothing accumulates.
 */
final class ReusedInstanceValidator extends FhirInstanceValidator {

	static final int REBUILD_AFTER = 1_000;

	private record Reused(InstanceValidator validator, int[] uses) {}

	private final ThreadLocal<Reused> perThread = new ThreadLocal<>();
	private final int rebuildAfter;

	ReusedInstanceValidator(ValidationSupportChain chain) {
		this(chain, REBUILD_AFTER);
	}

	ReusedInstanceValidator(ValidationSupportChain chain, int rebuildAfter) {
		super(chain);
		this.rebuildAfter = rebuildAfter;
	}

	@Override
	protected List<ValidationMessage> validate(IValidationContext<?> context) {
		if (context.getResourceAsStringEncoding() != EncodingEnum.JSON) {
			return super.validate(context);
		}
		IWorkerContext worker = provideWorkerContext();
		List<StructureDefinition> profiles = new ArrayList<>();
		for (String url : context.getOptions().getProfiles()) {
			StructureDefinition profile = worker.fetchResource(StructureDefinition.class, url);
			if (profile == null) {
				return super.validate(context); // HAPI reports the unknown profile its own way
			}
			profiles.add(profile);
		}
		Reused reused = perThread.get();
		if (reused == null || reused.uses()[0] >= rebuildAfter) {
			reused = new Reused(build(worker), new int[1]);
			perThread.set(reused);
		}
		reused.uses()[0]++;
		List<ValidationMessage> messages = new ArrayList<>();
		try {
			reused.validator().validate(context.getOptions().getAppContext(), messages,
					new ByteArrayInputStream(context.getResourceAsString().getBytes(StandardCharsets.UTF_8)), Manager.FhirFormat.JSON, profiles);
		} finally {
			reused.validator().validatedContent.clear();
		}
		// HAPI drops the same two terminology notices: they are about the server, not the resource.
		messages.removeIf(m -> I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE.equals(m.getMessageId())
				|| (I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND.equals(m.getMessageId())
						&& m.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes")));
		return messages;
	}

	/** Configured as HAPI configures its per-call validators, from this module's settings. */
	private InstanceValidator build(IWorkerContext worker) {
		InstanceValidator v;
		try {
			v = new InstanceValidator(worker, Objects.requireNonNullElseGet(getHostApplicationServices(), NullEvaluationContext::new),
					new XVerExtensionManagerOld(worker), new ValidatorSession(), new ValidatorSettings());
		} catch (Exception e) {
			throw new IllegalStateException("The FHIR instance validator could not be built", e);
		}
		v.setAssumeValidRestReferences(isAssumeValidRestReferences());
		v.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
		v.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
		v.setResourceIdRule(IdStatus.OPTIONAL);
		v.setNoTerminologyChecks(isNoTerminologyChecks());
		v.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
		v.setUnknownCodeSystemsCauseErrors(true);
		v.getExtensionDomains().addAll(getExtensionDomains());
		v.setFetcher(getValidatorResourceFetcher());
		v.setPolicyAdvisor(getValidatorPolicyAdvisor());
		v.setNoExtensibleWarnings(isNoExtensibleWarnings());
		v.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
		v.setAllowExamples(isAllowExamples());
		v.setAllowXsiLocation(true);
		return v;
	}
}
