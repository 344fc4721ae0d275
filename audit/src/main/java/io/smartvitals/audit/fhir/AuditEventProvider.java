package io.smartvitals.audit.fhir;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smartvitals.audit.store.AuditQuery;
import io.smartvitals.audit.store.AuditStore;
import io.smartvitals.audit.write.AuditChainer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

/**
 * {@code /fhir/{tenant}/AuditEvent}: read by id and search (date, patient, entity, agent, action,
 * subtype, outcome), newest first, at most {@code _count} (capped), always within the URL's tenant.
 * Served from the audit tables, not HAPI's JPA storage; there is nothing to create or change.
 */
public class AuditEventProvider implements IResourceProvider {

	private final AuditStore store;
	private final AuditChainer chainer;
	private final AuditEventMapper mapper;
	private final AuditReadAccess access;
	private final int defaultCount;
	private final int maxCount;

	public AuditEventProvider(AuditStore store, AuditChainer chainer, AuditEventMapper mapper, AuditReadAccess access,
			int defaultCount, int maxCount) {
		this.store = store;
		this.chainer = chainer;
		this.mapper = mapper;
		this.access = access;
		this.defaultCount = defaultCount;
		this.maxCount = maxCount;
	}

	@Override
	public Class<AuditEvent> getResourceType() {
		return AuditEvent.class;
	}

	@Read
	public AuditEvent read(@IdParam IdType id, RequestDetails request) {
		access.require(request, AuditReadAccess.Need.READ);
		String idPart = id.getIdPart();
		if (idPart == null || !idPart.matches("[1-9][0-9]{0,17}")) {
			throw new ResourceNotFoundException(id);
		}
		try {
			chainer.drain();
			return store.find(request.getTenantId(), Long.parseLong(idPart))
					.map(mapper::toAuditEvent)
					.orElseThrow(() -> new ResourceNotFoundException(id));
		} catch (SQLException e) {
			throw new InternalErrorException("Audit records cannot be read", e);
		}
	}

	@Search(allowUnknownParams = false)
	public List<AuditEvent> search(
			@OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
			@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
			@OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceParam entity,
			@OptionalParam(name = AuditEvent.SP_AGENT) ReferenceParam agent,
			@OptionalParam(name = AuditEvent.SP_ACTION) TokenParam action,
			@OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenParam subtype,
			@OptionalParam(name = AuditEvent.SP_OUTCOME) TokenParam outcome,
			@Count Integer count,
			RequestDetails request) {
		access.require(request, AuditReadAccess.Need.SEARCH);
		Instant from = date == null || date.getLowerBoundAsInstant() == null ? null : date.getLowerBoundAsInstant().toInstant();
		Instant to = date == null || date.getUpperBoundAsInstant() == null
				? null : date.getUpperBoundAsInstant().toInstant().plusMillis(1);
		Character crude = null;
		if (action != null) {
			String code = action.getValue();
			if (code == null || !code.matches("[CRUDE]")) {
				throw new InvalidRequestException("action must be one of C, R, U, D, E");
			}
			crude = code.charAt(0);
		}
		int limit = Math.min(count == null || count <= 0 ? defaultCount : count, maxCount);
		AuditQuery query = new AuditQuery(request.getTenantId(), from, to,
				patient == null ? null : patient.getIdPart(),
				entity == null ? null : reference(entity),
				agent == null ? null : agent.getValue(),
				subtype == null ? null : subtype.getValue(),
				crude,
				outcome == null ? null : outcomeCode(outcome.getValue()),
				limit);
		try {
			chainer.drain();
			return store.search(query).stream().map(mapper::toAuditEvent).toList();
		} catch (SQLException e) {
			throw new InternalErrorException("Audit records cannot be searched", e);
		}
	}

	private static String reference(ReferenceParam param) {
		return param.getResourceType() != null ? param.getResourceType() + "/" + param.getIdPart() : param.getValue();
	}

	/** AuditEvent.outcome codes 0 / 4 / 8 onto ours (4 and 8 both cover denied and failed). */
	private static String outcomeCode(String code) {
		return switch (code == null ? "" : code) {
			case "0" -> "success";
			case "4" -> "denied";
			case "8" -> "failed";
			default -> throw new InvalidRequestException("outcome must be 0, 4 or 8");
		};
	}
}
