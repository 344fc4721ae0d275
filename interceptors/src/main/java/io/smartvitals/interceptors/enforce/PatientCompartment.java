package io.smartvitals.interceptors.enforce;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/** Which patients' compartments a resource belongs to, per the FHIR R4 CompartmentDefinition for Patient. */
public final class PatientCompartment {

	private final FhirContext fhir;

	public PatientCompartment(FhirContext fhir) {
		this.fhir = fhir;
	}

	/** Types such as Organization or Practitioner hold no patient's data: they have no Patient compartment. */
	public boolean hasCompartment(String type) {
		if ("Patient".equals(type)) {
			return true;
		}
		RuntimeResourceDefinition definition = fhir.getResourceDefinition(type);
		return !definition.getSearchParamsForCompartmentName("Patient").isEmpty();
	}

	/** Bare ids of the patients whose compartment holds {@code resource}. */
	public Set<String> owners(IBaseResource resource) {
		Set<String> owners = new LinkedHashSet<>();
		String type = fhir.getResourceType(resource);
		if ("Patient".equals(type)) {
			if (resource.getIdElement().hasIdPart()) {
				owners.add(resource.getIdElement().getIdPart());
			}
			// A Patient linked to another is not in that other patient's compartment for our purposes.
			return owners;
		}
		for (IIdType id : fhir.newTerser().getCompartmentOwnersForResource("Patient", resource, Set.of())) {
			if (id.hasIdPart() && (!id.hasResourceType() || "Patient".equals(id.getResourceType()))) {
				owners.add(id.getIdPart());
			}
		}
		return owners;
	}
}
