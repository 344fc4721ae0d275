package io.smartvitals.audit.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * The patients whose data a set of resources belongs to: a Patient itself, an Observation's
 * subject (the hot path, read directly), anything else through the FHIR patient compartment.
 */
final class PatientsTouched {

	private final FhirTerser terser;

	PatientsTouched(FhirContext fhir) {
		this.terser = fhir.newTerser();
	}

	Set<String> of(Collection<? extends IBaseResource> resources) {
		Set<String> patients = new LinkedHashSet<>();
		for (IBaseResource resource : resources) {
			if (resource instanceof Patient patient) {
				addId(patients, patient.getIdElement());
			} else if (resource instanceof Observation observation) {
				addReference(patients, observation.getSubject());
			} else if (resource != null && !"Bundle".equals(resource.fhirType()) && !"OperationOutcome".equals(resource.fhirType())) {
				for (IIdType owner : terser.getCompartmentOwnersForResource("Patient", resource, Set.of())) {
					addId(patients, owner);
				}
			}
		}
		return patients;
	}

	private static void addReference(Set<String> patients, Reference reference) {
		if (reference != null && reference.hasReference()) {
			IIdType id = reference.getReferenceElement();
			if ("Patient".equals(id.getResourceType())) {
				addId(patients, id);
			}
		}
	}

	private static void addId(Set<String> patients, IIdType id) {
		if (id != null && id.hasIdPart()) {
			patients.add(id.getIdPart());
		}
	}
}
