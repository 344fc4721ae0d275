package io.smartvitals.interceptors.enforce;

import io.smartvitals.smart.model.scope.AccessDecision;
import io.smartvitals.smart.model.scope.ScopeContext;
import io.smartvitals.smart.model.scope.ScopeParser;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;

/**
 * The FHIR data that decides who sees what, and who may change it. Organizations (the
 * {@code partOf} tree), PractitionerRoles (a practitioner's organizations and the tenant-wide
 * marker), the Device that stands for an OAuth client, Consents, and a Patient's care providers
 * ({@code managingOrganization}, {@code generalPractitioner}) are tenant administration: a SMART
 * app's scopes never reach them, whatever they name. Two exceptions keep the spec's workflows:
 * a signed-in patient manages their own Consents, and staff (user/) or a system/ client
 * registering a new Patient name its care providers, which the reach check then holds to what
 * the writer may see. Everything else needs a system/ client holding
 * {@link ScopeParser#SYSTEM_ACCESS_POLICY} besides the resource scope.
 */
public final class AccessDefiningData {

	/** Types whose every resource is access-defining; Device and Patient are decided by their content. */
	public static final Set<String> TYPES = Set.of("Organization", "PractitionerRole", "Consent");

	private AccessDefiningData() {}

	/**
	 * Why the write is refused, or null when it may go on to the scope and reach checks.
	 *
	 * @param previous the stored state (null on create)
	 * @param next the state to store (null on delete)
	 * @param decision the scope decision for this write (which context granted it)
	 */
	static String refusal(ResourceAccess access, AccessDecision decision, IBaseResource previous, IBaseResource next) {
		IBaseResource any = next != null ? next : previous;
		String type = any.fhirType();
		if (!isAccessDefining(previous, next)) {
			return null;
		}
		if (decision instanceof AccessDecision.Allowed allowed && allowed.decidedBy().context() == ScopeContext.SYSTEM
				&& access.token().scopes().has(ScopeParser.SYSTEM_ACCESS_POLICY)) {
			return null;
		}
		if ("Consent".equals(type) && access.userPatient() != null
				&& ownConsent(previous, access.userPatient()) && ownConsent(next, access.userPatient())) {
			return null;
		}
		if ("Patient".equals(type) && previous == null && !(decision instanceof AccessDecision.Allowed allowed
				&& allowed.decidedBy().context() == ScopeContext.PATIENT) && access.userPatient() == null) {
			return null;
		}
		return rule(type);
	}

	static String rule(String type) {
		String what = switch (type) {
			case "Patient" -> "a Patient's managingOrganization and generalPractitioner";
			case "Device" -> "a Device that names an OAuth client";
			case "Consent" -> "a Consent (other than a signed-in patient's own)";
			default -> type;
		};
		return what + " decides who sees what: it is changed only by tenant administration "
				+ "(a system/ client registered with " + ScopeParser.SYSTEM_ACCESS_POLICY + ")";
	}

	/** Whether writing {@code next} over {@code previous} (either may be null) changes access-defining data. */
	public static boolean isAccessDefining(IBaseResource previous, IBaseResource next) {
		IBaseResource any = next != null ? next : previous;
		String type = any.fhirType();
		if (TYPES.contains(type)) {
			return true;
		}
		if ("Device".equals(type)) {
			return namesClient(previous) || namesClient(next);
		}
		if ("Patient".equals(type)) {
			return !careProviders(previous).equals(careProviders(next));
		}
		return false;
	}

	/**
	 * The access-defining content of a resource, for the before/after of its change in the audit
	 * trail: only the fields that decide access, so a Patient's demographics stay out of it.
	 */
	public static String describe(IBaseResource resource) {
		if (resource == null) {
			return "(none)";
		}
		if (resource instanceof Organization organization) {
			return "partOf=" + reference(organization.getPartOf()) + " active=" + organization.getActive();
		}
		if (resource instanceof PractitionerRole role) {
			String codes = role.getCode().stream().flatMap(c -> c.getCoding().stream())
					.map(c -> c.getSystem() + "|" + c.getCode()).collect(Collectors.joining(","));
			return "practitioner=" + reference(role.getPractitioner()) + " organization=" + reference(role.getOrganization())
					+ " active=" + role.getActive() + " code=[" + codes + "]"
					+ (role.hasPeriod() ? " period=" + role.getPeriod().getStartElement().getValueAsString()
							+ ".." + role.getPeriod().getEndElement().getValueAsString() : "");
		}
		if (resource instanceof Device device) {
			return "client=" + device.getIdentifier().stream().filter(i -> CareDirectory.CLIENT_ID_SYSTEM.equals(i.getSystem()))
					.map(Identifier::getValue).collect(Collectors.joining(","))
					+ " owner=" + reference(device.getOwner()) + " status=" + device.getStatus();
		}
		if (resource instanceof Consent consent) {
			String actors = consent.getProvision().getActor().stream().map(a -> reference(a.getReference()))
					.collect(Collectors.joining(","));
			return "patient=" + reference(consent.getPatient()) + " status=" + consent.getStatus()
					+ " provision=" + consent.getProvision().getType() + " actors=[" + actors + "]";
		}
		if (resource instanceof Patient) {
			return "careProviders=" + careProviders(resource);
		}
		return resource.fhirType();
	}

	private static boolean namesClient(IBaseResource resource) {
		return resource instanceof Device device
				&& device.getIdentifier().stream().anyMatch(i -> CareDirectory.CLIENT_ID_SYSTEM.equals(i.getSystem()));
	}

	private static List<String> careProviders(IBaseResource resource) {
		if (!(resource instanceof Patient patient)) {
			return List.of();
		}
		List<String> providers = new java.util.ArrayList<>();
		if (patient.hasManagingOrganization()) {
			providers.add(reference(patient.getManagingOrganization()));
		}
		patient.getGeneralPractitioner().forEach(r -> providers.add(reference(r)));
		return providers.stream().sorted().toList();
	}

	private static boolean ownConsent(IBaseResource consent, String patient) {
		if (consent == null) {
			return true;
		}
		String reference = reference(((Consent) consent).getPatient());
		return reference.equals("Patient/" + patient) || reference.endsWith("/Patient/" + patient);
	}

	private static String reference(Reference reference) {
		return reference == null || reference.getReferenceElement().isEmpty()
				? "" : reference.getReferenceElement().toUnqualifiedVersionless().getValue();
	}
}
