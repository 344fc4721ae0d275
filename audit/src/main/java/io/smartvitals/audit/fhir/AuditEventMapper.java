package io.smartvitals.audit.fhir;

import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import io.smartvitals.audit.chain.ChainedRecord;
import io.smartvitals.audit.record.ActorKind;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * A stored record as an IHE Basic Audit Log Patterns (BALP) AuditEvent: REST reads, queries,
 * creates, updates and deletes carry the BALP profile HAPI names in {@link BalpProfileEnum}
 * (Patient* variants when patients were touched); security and admin events use DICOM's
 * "User Authentication" or "Security Alert" type. The chain link (seq, hash, previous hash) rides
 * along as an extension so an exported range can be checked link by link.
 */
public final class AuditEventMapper {

	public static final String ACTION_SYSTEM = "https://smartvitals.io/fhir/CodeSystem/audit-action";
	public static final String CHAIN_EXTENSION = "https://smartvitals.io/fhir/StructureDefinition/audit-chain";
	public static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
	public static final String BALP_ENTITY_TYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";

	/** HAPI operation codes that are also codes of http://hl7.org/fhir/restful-interaction. */
	private static final Map<String, String> RESTFUL_INTERACTION = Map.ofEntries(
			Map.entry("read", "read"), Map.entry("vread", "vread"), Map.entry("update", "update"),
			Map.entry("patch", "patch"), Map.entry("delete", "delete"), Map.entry("create", "create"),
			Map.entry("search-type", "search-type"), Map.entry("search-system", "search-system"),
			Map.entry("history-instance", "history-instance"), Map.entry("history-type", "history-type"),
			Map.entry("history-system", "history-system"), Map.entry("metadata", "capabilities"),
			Map.entry("transaction", "transaction"), Map.entry("batch", "batch"), Map.entry("operation", "operation"));

	private final String serverName;

	/** @param serverName what the AuditEvent names as observer and server agent */
	public AuditEventMapper(String serverName) {
		this.serverName = serverName;
	}

	public AuditEvent toAuditEvent(ChainedRecord chained) {
		AuditRecord r = chained.record();
		AuditEvent event = new AuditEvent();
		event.setId(Long.toString(chained.seq()));
		BalpProfileEnum profile = balpProfile(r);
		if (profile != null) {
			event.getMeta().addProfile(profile.getProfileUrl());
		}
		event.setType(type(r.action()));
		String interaction = RESTFUL_INTERACTION.get(r.action().code());
		if (r.action().category() == AuditAction.Category.REST && interaction != null) {
			event.addSubtype(new Coding(BalpConstants.CS_RESTFUL_INTERACTION, interaction, interaction));
		}
		event.addSubtype(new Coding(ACTION_SYSTEM, r.action().code(), null));
		event.setAction(AuditEvent.AuditEventAction.fromCode(Character.toString(r.action().crude())));
		event.setRecorded(Date.from(r.time()));
		event.setOutcome(outcome(r));
		event.setOutcomeDesc(outcomeText(r));

		AuditEventAgentComponent actor = event.addAgent()
				.setRequestor(r.onBehalfOf() == null)
				.setWho(new Reference().setIdentifier(new Identifier().setValue(r.actor().id())).setDisplay(r.actor().id()));
		actor.setType(new CodeableConcept(r.actor().kind() == ActorKind.HUMAN
				? new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")
				: profile != null ? profile.getAgentClientTypeCoding() : new Coding(DCM, "110153", "Source Role ID")));
		if (r.actor().owner() != null) {
			actor.addExtension(new Extension(ACTION_SYSTEM + "#owner", new StringType(r.actor().owner())));
		}
		if (r.actor().kind() != ActorKind.HUMAN) {
			actor.addRole(new CodeableConcept(new Coding(ACTION_SYSTEM, "actor-" + r.actor().kind().code(), r.actor().kind().code())));
		}
		if (r.sourceAddress() != null) {
			actor.getNetwork().setAddress(r.sourceAddress()).setType(BalpConstants.AUDIT_EVENT_AGENT_NETWORK_TYPE_IP_ADDRESS);
		}
		if (r.scopes() != null) {
			for (String scope : r.scopes().split(" ")) {
				if (!scope.isBlank()) {
					actor.addPolicy(scope);
				}
			}
		}
		if (r.onBehalfOf() != null) {
			event.addAgent()
					.setRequestor(true)
					.setType(new CodeableConcept(new Coding(
							"http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")))
					.setWho(new Reference().setIdentifier(new Identifier().setValue(r.onBehalfOf())).setDisplay(r.onBehalfOf()));
		}
		event.addAgent()
				.setRequestor(false)
				.setType(new CodeableConcept(profile != null ? profile.getAgentServerTypeCoding() : new Coding(DCM, "110152", "Destination Role ID")))
				.setWho(new Reference().setDisplay(serverName + "/" + r.tenant()));
		event.getSource().setObserver(new Reference().setDisplay(serverName + "/" + r.tenant()));

		for (String patient : r.patients()) {
			event.addEntity(entity(BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON_DISPLAY,
					BalpConstants.CS_OBJECT_ROLE_1_PATIENT, BalpConstants.CS_OBJECT_ROLE_1_PATIENT_DISPLAY)
					.setWhat(new Reference("Patient/" + patient)));
		}
		for (String resource : r.resources()) {
			event.addEntity(entity(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY,
					BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE, BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE_DISPLAY)
					.setWhat(new Reference(resource)));
		}
		if (r.detail() != null) {
			AuditEventEntityComponent query = entity(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT,
					BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY, BalpConstants.CS_OBJECT_ROLE_24_QUERY, "Query");
			query.setDescription(r.detail());
			if (r.action().crude() == 'E' && r.action().category() == AuditAction.Category.REST) {
				query.setQuery(r.detail().getBytes(StandardCharsets.UTF_8));
			}
			event.addEntity(query);
		}
		if (r.requestId() != null) {
			event.addEntity()
					.setType(new Coding(BALP_ENTITY_TYPE, "XrequestId", "Request Id"))
					.setWhat(new Reference().setIdentifier(new Identifier().setValue(r.requestId())));
		}

		Extension chain = event.addExtension().setUrl(CHAIN_EXTENSION);
		chain.addExtension("tenant", new StringType(r.tenant()));
		chain.addExtension("seq", new StringType(Long.toString(chained.seq())));
		chain.addExtension("prevHash", new StringType(chained.prevHash()));
		chain.addExtension("hash", new StringType(chained.hash()));
		return event;
	}

	private static AuditEventEntityComponent entity(String type, String typeDisplay, String role, String roleDisplay) {
		AuditEventEntityComponent entity = new AuditEventEntityComponent();
		entity.setType(new Coding(BalpConstants.CS_AUDIT_ENTITY_TYPE, type, typeDisplay));
		entity.setRole(new Coding(BalpConstants.CS_OBJECT_ROLE, role, roleDisplay));
		return entity;
	}

	static BalpProfileEnum balpProfile(AuditRecord r) {
		boolean patient = !r.patients().isEmpty();
		return switch (r.action().code()) {
			case "read", "vread" -> patient ? BalpProfileEnum.PATIENT_READ : BalpProfileEnum.BASIC_READ;
			case "search-type", "search-system" -> patient ? BalpProfileEnum.PATIENT_QUERY : BalpProfileEnum.BASIC_QUERY;
			case "create" -> patient ? BalpProfileEnum.PATIENT_CREATE : BalpProfileEnum.BASIC_CREATE;
			case "update", "patch" -> patient ? BalpProfileEnum.PATIENT_UPDATE : BalpProfileEnum.BASIC_UPDATE;
			case "delete" -> patient ? BalpProfileEnum.PATIENT_DELETE : BalpProfileEnum.BASIC_DELETE;
			default -> null;
		};
	}

	private static Coding type(AuditAction action) {
		return switch (action.category()) {
			case REST -> new Coding(BalpConstants.CS_AUDIT_EVENT_TYPE, "rest", "Restful Operation");
			case AUTHENTICATION -> new Coding(DCM, "110114", "User Authentication");
			case SECURITY_ADMIN -> new Coding(DCM, "110113", "Security Alert");
		};
	}

	private static AuditEvent.AuditEventOutcome outcome(AuditRecord r) {
		if (r.outcome() == Outcome.SUCCESS) {
			return AuditEvent.AuditEventOutcome._0;
		}
		return r.status() != null && r.status() >= 500 ? AuditEvent.AuditEventOutcome._8 : AuditEvent.AuditEventOutcome._4;
	}

	private static String outcomeText(AuditRecord r) {
		StringBuilder text = new StringBuilder(r.outcome().code());
		if (r.status() != null) {
			text.append(" (HTTP ").append(r.status()).append(')');
		}
		if (r.rule() != null) {
			text.append("; rule: ").append(r.rule());
		}
		return text.toString();
	}
}
