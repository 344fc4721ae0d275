package io.smartvitals.server.bulk;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/** The output files of exports ({@code bulk_export_file}): written as the job writes them, deleted when they expire. */
public class ExportFileLedger {

	/** One output file: a Binary holding {@code count} NDJSON lines of {@code type}. */
	public record ExportFile(String binaryId, String jobId, String tenant, String type, int count, Instant createdAt) {}

	private final JdbcTemplate jdbc;

	public ExportFileLedger(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void record(ExportFile file) {
		jdbc.update("INSERT INTO bulk_export_file (binary_id, job_id, tenant, resource_type, resource_count, created_at) VALUES (?, ?, ?, ?, ?, ?)",
				file.binaryId(), file.jobId(), file.tenant(), file.type(), file.count(), Timestamp.from(file.createdAt()));
	}

	public List<ExportFile> ofJob(String jobId) {
		return jdbc.query("SELECT * FROM bulk_export_file WHERE job_id = ?", (rs, i) -> file(rs), jobId);
	}

	public Map<String, ExportFile> ofJobById(String jobId) {
		return ofJob(jobId).stream().collect(Collectors.toMap(ExportFile::binaryId, f -> f));
	}

	public List<ExportFile> createdBefore(Instant cutoff, int limit) {
		return jdbc.query("SELECT * FROM bulk_export_file WHERE created_at < ? ORDER BY created_at LIMIT " + limit,
				(rs, i) -> file(rs), Timestamp.from(cutoff));
	}

	public void forget(String binaryId) {
		jdbc.update("DELETE FROM bulk_export_file WHERE binary_id = ?", binaryId);
	}

	private static ExportFile file(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new ExportFile(rs.getString("binary_id"), rs.getString("job_id"), rs.getString("tenant"),
				rs.getString("resource_type"), rs.getInt("resource_count"), rs.getTimestamp("created_at").toInstant());
	}
}
