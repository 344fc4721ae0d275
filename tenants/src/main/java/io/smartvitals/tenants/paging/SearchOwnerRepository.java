package io.smartvitals.tenants.paging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows of {@code vitals_search_owner}: search uuid to owning tenant. */
public class SearchOwnerRepository {

	private final JdbcTemplate jdbc;

	public SearchOwnerRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void record(String searchUuid, String tenantId, Instant at) {
		try {
			jdbc.update(
					"INSERT INTO vitals_search_owner (search_uuid, tenant_id, created_at) VALUES (?, ?, ?)",
					searchUuid, tenantId, Timestamp.from(at));
		} catch (DuplicateKeyException alreadyRecorded) {
			// The first owner stays; a uuid is never re-registered for another tenant.
		}
	}

	public Optional<String> ownerOf(String searchUuid) {
		List<String> owners = jdbc.queryForList(
				"SELECT tenant_id FROM vitals_search_owner WHERE search_uuid = ?", String.class, searchUuid);
		return owners.stream().findFirst();
	}

	public int deleteCreatedBefore(Instant cutoff) {
		return jdbc.update("DELETE FROM vitals_search_owner WHERE created_at < ?", Timestamp.from(cutoff));
	}
}
