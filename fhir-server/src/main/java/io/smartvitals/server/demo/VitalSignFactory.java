package io.smartvitals.server.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/** Builds Observations that conform to the FHIR R4 vital signs profiles (and one lab result). */
public final class VitalSignFactory {

	public static final String LOINC = "http://loinc.org";
	public static final String UCUM = "http://unitsofmeasure.org";
	public static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";

	/** The profiled vital signs, with LOINC code, display and UCUM unit. */
	public enum Kind {
		HEART_RATE("8867-4", "Heart rate", "/min", "beats/minute"),
		RESPIRATORY_RATE("9279-1", "Respiratory rate", "/min", "breaths/minute"),
		BODY_TEMPERATURE("8310-5", "Body temperature", "Cel", "C"),
		OXYGEN_SATURATION("2708-6", "Oxygen saturation in Arterial blood", "%", "%"),
		BODY_WEIGHT("29463-7", "Body weight", "kg", "kg"),
		BODY_HEIGHT("8302-2", "Body height", "cm", "cm"),
		BMI("39156-5", "Body mass index (BMI) [Ratio]", "kg/m2", "kg/m2"),
		HEAD_CIRCUMFERENCE("9843-4", "Head Occipital-frontal circumference", "cm", "cm");

		final String loinc;
		final String display;
		final String ucum;
		final String unit;

		Kind(String loinc, String display, String ucum, String unit) {
			this.loinc = loinc;
			this.display = display;
			this.ucum = ucum;
			this.unit = unit;
		}

		public String loinc() {
			return loinc;
		}
	}

	private VitalSignFactory() {}

	public static Observation measurement(Kind kind, String subject, Instant at, double value) {
		Observation observation = base(subject, at, "vital-signs", "Vital Signs");
		observation.setCode(loinc(kind.loinc, kind.display));
		observation.setValue(quantity(value, kind.unit, kind.ucum));
		return observation;
	}

	public static Observation bloodPressure(String subject, Instant at, int systolic, int diastolic) {
		Observation observation = base(subject, at, "vital-signs", "Vital Signs");
		observation.setCode(loinc("85354-9", "Blood pressure panel with all children optional"));
		observation.addComponent()
				.setCode(loinc("8480-6", "Systolic blood pressure"))
				.setValue(quantity(systolic, "mmHg", "mm[Hg]"));
		observation.addComponent()
				.setCode(loinc("8462-4", "Diastolic blood pressure"))
				.setValue(quantity(diastolic, "mmHg", "mm[Hg]"));
		return observation;
	}

	/** A laboratory result, so vitals-only access has something to leave out. */
	public static Observation glucose(String subject, Instant at, double mgPerDl) {
		Observation observation = base(subject, at, "laboratory", "Laboratory");
		observation.setCode(loinc("2339-0", "Glucose [Mass/volume] in Blood"));
		observation.setValue(quantity(mgPerDl, "mg/dL", "mg/dL"));
		return observation;
	}

	private static Observation base(String subject, Instant at, String category, String categoryDisplay) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory(new CodeableConcept().addCoding(new Coding(CATEGORY_SYSTEM, category, categoryDisplay)));
		observation.setSubject(new Reference(subject));
		observation.setEffective(new DateTimeType(Date.from(at)));
		return observation;
	}

	private static CodeableConcept loinc(String code, String display) {
		return new CodeableConcept().addCoding(new Coding(LOINC, code, display)).setText(display);
	}

	private static Quantity quantity(double value, String unit, String ucum) {
		return new Quantity().setValue(BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP))
				.setUnit(unit).setSystem(UCUM).setCode(ucum);
	}
}
