package io.smartvitals.interceptors.enforce;

import ca.uhn.fhir.context.FhirContext;
import io.smartvitals.interceptors.consent.ConsentPolicy;
import io.smartvitals.interceptors.consent.ConsentVerdict;
import io.smartvitals.interceptors.consent.TenantConsents;
import io.smartvitals.smart.model.scope.AccessDecision;
import io.smartvitals.smart.model.scope.Interaction;
import io.smartvitals.smart.model.scope.ResourceScope;
import io.smartvitals.smart.model.scope.ScopeContext;
import io.smartvitals.smart.model.scope.ScopePolicy;
import io.smartvitals.interceptors.token.TokenVerdict;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * What one verified token may do in one request, resource by resource: the scope decision for a
 * type and interaction ({@link ScopePolicy}), then for patient data the reach of its context
 * (patient/: the launch patient's compartment; user/: patients managed by the practitioner's
 * organizations or any organization below them, or the whole tenant for a tenant-wide role;
 * system/: the whole tenant), the granular queries, and last the patient's privacy consents.
 * One instance per request: decisions and directory look-ups are memoized.
 */
public final class ResourceAccess {

	private final TokenVerdict.Valid token;
	private final String tenant;
	private final FhirContext fhir;
	private final PatientCompartment compartment;
	private final CareDirectory directory;
	private final GranularQueryMatcher matcher;
	private final TenantConsents consents;
	private final Clock clock;
	private final Map<String, AccessDecision> decisions = new HashMap<>();
	private final Map<String, Boolean> reachablePatients = new HashMap<>();
	private final Map<String, ConsentVerdict> consentByPatient = new HashMap<>();
	private PractitionerReach reach;
	private Set<String> identities;

	public ResourceAccess(TokenVerdict.Valid token, String tenant, FhirContext fhir, CareDirectory directory,
			GranularQueryMatcher matcher, TenantConsents consents, Clock clock) {
		this.token = token;
		this.tenant = tenant;
		this.fhir = fhir;
		this.compartment = new PatientCompartment(fhir);
		this.directory = directory;
		this.matcher = matcher;
		this.consents = consents;
		this.clock = clock;
	}

	public TokenVerdict.Valid token() {
		return token;
	}

	public String tenant() {
		return tenant;
	}

	public AccessDecision decide(String type, Interaction interaction) {
		return decisions.computeIfAbsent(type + "|" + interaction,
				k -> ScopePolicy.decide(token.scopes(), effectivePatient(), type, interaction));
	}

	/**
	 * The one patient whose compartment searches of {@code type} are confined to (patient/ scopes,
	 * or user/ scopes of a patient user), or null when they are not confined to a single patient.
	 */
	public String confinedPatient(String type) {
		if (type == null || !compartment.hasCompartment(type)) {
			return null;
		}
		AccessDecision decision = decide(type, Interaction.SEARCH);
		if (decision instanceof AccessDecision.Allowed allowed && allowed.decidedBy().context() != ScopeContext.SYSTEM) {
			return allowed.patientCompartment() != null ? allowed.patientCompartment() : userPatient();
		}
		return null;
	}

	/**
	 * True when a search of {@code type} that HAPI has narrowed to the caller's own patient
	 * compartment needs no check per returned resource: the narrowing keeps every result inside
	 * the compartment, no granular query filters this type, and a patient's privacy Consent never
	 * restricts that patient's own compartment. Includes are the caller's to exclude.
	 */
	public boolean searchConfinedToOwnCompartment(String type) {
		String patient = confinedPatient(type);
		if (patient == null || !patient.equals(effectivePatient() != null ? effectivePatient() : userPatient())) {
			return false;
		}
		AccessDecision search = decide(type, Interaction.SEARCH);
		AccessDecision read = decide(type, Interaction.READ);
		return search instanceof AccessDecision.Allowed s && !s.isFiltered()
				&& !(read instanceof AccessDecision.Allowed r && r.isFiltered());
	}

	/** For transactions: the patient every resource scope of the token is confined to, or null. */
	public String confinedPatientForAllScopes() {
		boolean onlyPatientScopes = token.scopes().resourceScopes().stream().allMatch(s -> s.context() == ScopeContext.PATIENT);
		if (onlyPatientScopes && !token.scopes().resourceScopes().isEmpty()) {
			return effectivePatient();
		}
		boolean noSystem = token.scopes().resourceScopes().stream().noneMatch(s -> s.context() == ScopeContext.SYSTEM);
		return noSystem ? userPatient() : null;
	}

	/** For types in the Patient compartment, whether the caller may see or change it depends on the patient. */
	public boolean hasCompartment(String type) {
		return compartment.hasCompartment(type);
	}

	/** Whether the caller may see {@code resource} (read, search result, include, history, $everything): scope reach, then privacy consent. */
	public Visibility see(IBaseResource resource) {
		Visibility byScope = reachOf(resource);
		return byScope.visible() ? consentOf(resource, byScope) : byScope;
	}

	/** The scope vote alone: whether the token's scopes, granular queries and the user's reach cover {@code resource}. */
	public Visibility reachOf(IBaseResource resource) {
		String type = fhir.getResourceType(resource);
		AccessDecision decision = decide(type, Interaction.READ);
		if (decision instanceof AccessDecision.Denied) {
			decision = decide(type, Interaction.SEARCH);
		}
		return reach(resource, type, decision, false);
	}

	/** The consent vote alone: {@code ifAllowed} unless a privacy Consent of a patient owning {@code resource} hides it from this caller. */
	public Visibility consentOf(IBaseResource resource, Visibility ifAllowed) {
		return byConsent(resource, fhir.getResourceType(resource), ifAllowed);
	}

	/** Whether the caller may write {@code resource} in this state (the new state of a create or update, or what a delete removes). */
	public Visibility write(IBaseResource resource, Interaction interaction) {
		String type = fhir.getResourceType(resource);
		return reach(resource, type, decide(type, interaction), true);
	}

	/**
	 * True when the caller's searches of {@code type} reach every resource of it in the tenant: an
	 * unfiltered system/ scope, or a user/ scope of a tenant-wide practitioner, and no privacy
	 * Consent that could hide any. {@code _has} filters visible resources by ones of another type,
	 * so it is an oracle for anything less.
	 */
	public boolean reachesEveryResourceOf(String type) {
		if (!(decide(type, Interaction.SEARCH) instanceof AccessDecision.Allowed allowed) || allowed.isFiltered()) {
			return false;
		}
		ScopeContext context = allowed.decidedBy().context();
		boolean wholeTenant = context == ScopeContext.SYSTEM
				|| (context == ScopeContext.USER && userPatient() == null && practitioner() != null && isTenantWide());
		return wholeTenant && !consents.mayRestrict(tenant, identities());
	}

	/** True when no resource of any type needs a per-resource check: system-wide unfiltered read and no consent can restrict. */
	public boolean seesEverything() {
		AccessDecision read = ScopePolicy.decide(token.scopes(), effectivePatient(), ResourceScope.ANY_TYPE, Interaction.READ);
		AccessDecision search = ScopePolicy.decide(token.scopes(), effectivePatient(), ResourceScope.ANY_TYPE, Interaction.SEARCH);
		return isUnfilteredSystem(read) && isUnfilteredSystem(search) && !consents.mayRestrict(tenant, identities());
	}

	private static boolean isUnfilteredSystem(AccessDecision decision) {
		return decision instanceof AccessDecision.Allowed a && a.decidedBy().context() == ScopeContext.SYSTEM
				&& ResourceScope.ANY_TYPE.equals(a.decidedBy().resourceType()) && !a.isFiltered();
	}

	private Visibility reach(IBaseResource resource, String type, AccessDecision decision, boolean writing) {
		if (decision instanceof AccessDecision.Denied denied) {
			return new Visibility.Hidden(denied.rule());
		}
		AccessDecision.Allowed allowed = (AccessDecision.Allowed) decision;
		String rule = allowed.decidedBy().text();
		if (allowed.isFiltered() && allowed.anyOfQueries().stream().noneMatch(q -> matcher.matches(resource, q))) {
			return new Visibility.Hidden("resource does not match the granted query of " + rule);
		}
		if (!compartment.hasCompartment(type)) {
			return new Visibility.Visible(rule);
		}
		Set<String> owners = compartment.owners(resource);
		ScopeContext context = allowed.decidedBy().context();
		if (context == ScopeContext.SYSTEM) {
			return new Visibility.Visible(rule);
		}
		String patient = allowed.patientCompartment() != null ? allowed.patientCompartment() : userPatient();
		if (patient != null) {
			boolean inCompartment = writing ? !owners.isEmpty() && owners.stream().allMatch(patient::equals) : owners.contains(patient);
			return inCompartment ? new Visibility.Visible(rule)
					: new Visibility.Hidden(rule + " is confined to the compartment of Patient/" + patient);
		}
		// user/ context: a practitioner's reach.
		if (practitioner() == null) {
			return new Visibility.Hidden("user/ scopes need a fhirUser that is a Practitioner or Patient, and this token has none");
		}
		if (isTenantWide()) {
			return new Visibility.Visible(rule + " (tenant-wide role)");
		}
		if (owners.isEmpty()) {
			return writing ? new Visibility.Hidden(rule + ": a resource written with user/ scopes must belong to a patient the user cares for")
					: new Visibility.Visible(rule);
		}
		for (String owner : owners) {
			boolean reachable = resource instanceof Patient p && owner.equals(p.getIdElement().getIdPart())
					? reaches(providersOf(p)) : reachablePatients.computeIfAbsent(owner, o -> reaches(directory.patientCareProviders(tenant, o)));
			if (writing ? !reachable : reachable) {
				return writing ? new Visibility.Hidden(rule + ": Patient/" + owner + " is not managed by the user's organizations")
						: new Visibility.Visible(rule + " (patient managed by the user's organization)");
			}
		}
		return writing ? new Visibility.Visible(rule)
				: new Visibility.Hidden(rule + ": the patient is not managed by the user's organizations");
	}

	private Visibility byConsent(IBaseResource resource, String type, Visibility visible) {
		if (!compartment.hasCompartment(type)) {
			return visible;
		}
		String self = effectivePatient() != null ? effectivePatient() : userPatient();
		for (String owner : compartment.owners(resource)) {
			if (owner.equals(self)) {
				continue;
			}
			ConsentVerdict verdict = consentByPatient.computeIfAbsent(owner, o -> ConsentPolicy.decide(
					consents.of(tenant, o), identities(), purposeOfUse(), clock.instant(), consents.isOptIn(tenant)));
			if (verdict instanceof ConsentVerdict.Denied denied) {
				return new Visibility.Hidden(denied.decidedBy());
			}
		}
		return visible;
	}

	/** Treatment for people; health-care operations for backend (system) clients. */
	private String purposeOfUse() {
		boolean system = token.scopes().resourceScopes().stream().allMatch(s -> s.context() == ScopeContext.SYSTEM);
		return system ? "HOPERAT" : "TREAT";
	}

	/** The accessor as Consent actors name it: the user (Practitioner and its organizations up the tree) and the client (Device and owner). */
	public Set<String> identities() {
		if (identities == null) {
			Set<String> ids = new LinkedHashSet<>();
			String practitioner = practitioner();
			Map<String, String> parents = null;
			if (practitioner != null) {
				ids.add("Practitioner/" + practitioner);
				parents = directory.organizationParents(tenant);
				for (String org : directory.affiliation(tenant, practitioner).organizations()) {
					addWithAncestors(ids, org, parents);
				}
			}
			if (token.clientId() != null) {
				var client = directory.client(tenant, token.clientId());
				if (client.isPresent()) {
					ids.add("Device/" + client.get().device());
					if (client.get().organization() != null) {
						addWithAncestors(ids, client.get().organization(), parents == null ? directory.organizationParents(tenant) : parents);
					}
				}
			}
			identities = Set.copyOf(ids);
		}
		return identities;
	}

	private static void addWithAncestors(Set<String> ids, String org, Map<String, String> parents) {
		Set<String> seen = new HashSet<>();
		for (String o = org; o != null && seen.add(o); o = parents.get(o)) {
			ids.add("Organization/" + o);
		}
	}

	private boolean reaches(Set<String> providers) {
		return reach().reaches(providers);
	}

	private boolean isTenantWide() {
		return reach().tenantWide();
	}

	private PractitionerReach reach() {
		if (reach == null) {
			reach = PractitionerReach.of(directory, tenant, practitioner());
		}
		return reach;
	}

	static Set<String> providersOf(Patient patient) {
		Set<String> providers = new LinkedHashSet<>();
		if (patient.hasManagingOrganization()) {
			providers.add(patient.getManagingOrganization().getReferenceElement().toUnqualifiedVersionless().getValue());
		}
		for (Reference gp : patient.getGeneralPractitioner()) {
			providers.add(gp.getReferenceElement().toUnqualifiedVersionless().getValue());
		}
		return providers;
	}

	/** The {@code patient} claim; user/ tokens of a patient user act in that patient's compartment too. */
	private String effectivePatient() {
		return token.patient() != null && !token.patient().isBlank() ? token.patient() : userPatient();
	}

	/** The patient signed in (fhirUser is a Patient), or null: the one caller who may write that patient's own Consents. */
	String userPatient() {
		return fhirUserId("Patient");
	}

	String practitioner() {
		return fhirUserId("Practitioner");
	}

	/** The id in {@code fhirUser} (relative {@code Practitioner/abc} or absolute) when it is of {@code type}. */
	private String fhirUserId(String type) {
		String fhirUser = token.fhirUser();
		if (fhirUser == null) {
			return null;
		}
		List<String> parts = List.of(fhirUser.split("/"));
		if (parts.size() < 2 || !type.equals(parts.get(parts.size() - 2))) {
			return null;
		}
		String id = parts.get(parts.size() - 1);
		return id.matches("[A-Za-z0-9\\-.]{1,64}") ? id : null;
	}
}
