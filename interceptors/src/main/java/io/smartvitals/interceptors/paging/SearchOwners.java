package io.smartvitals.interceptors.paging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows of {@code vitals_search_owner}: search uuid to its {@link SearchOwner}; the first owner stays. */
public class SearchOwners {

	private final JdbcTemplate jdbc;

	public SearchOwners(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void record(String searchUuid, SearchOwner owner, Instant at) {
		try {
			jdbc.update("INSERT INTO vitals_search_owner (search_uuid, tenant_id, owner, created_at) VALUES (?, ?, ?, ?)",
					searchUuid, owner.tenant(), owner.tokenOwner(), Timestamp.from(at));
		} catch (DuplicateKeyException alreadyRecorded) {
			// A uuid is never re-registered for anyone else.
		}
	}

	public Optional<SearchOwner> of(String searchUuid) {
		return jdbc.query("SELECT tenant_id, owner FROM vitals_search_owner WHERE search_uuid = ?",
				(rs, i) -> new SearchOwner(rs.getString(1), rs.getString(2)), searchUuid).stream().findFirst();
	}

	/** HAPI expires stored searches within hours; owner rows older than that serve nothing. */
	public int forgetCreatedBefore(Instant cutoff) {
		return jdbc.update("DELETE FROM vitals_search_owner WHERE created_at < ?", Timestamp.from(cutoff));
	}
}
