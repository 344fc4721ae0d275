package io.smartvitals.smart.auth.client;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import io.smartvitals.smart.auth.server.PrincipalRevocations;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code auth_client} table: registration, lookup, disabling and secret rotation. */
public class ClientRegistry {

	/** A registered client and, for symmetric clients, the secret shown once. */
	public record Registered(SmartClient client, String secret) {}

	private final JdbcTemplate jdbc;
	private final Clock clock;
	private final Duration maxLifetime;
	private final PrincipalRevocations revocations;

	public ClientRegistry(JdbcTemplate jdbc, Clock clock, Duration maxLifetime, PrincipalRevocations revocations) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.maxLifetime = maxLifetime;
		this.revocations = revocations;
	}

	public Registered register(String tenant, ClientRegistration registration) {
		Instant now = clock.instant();
		ClientRegistration.Checked c = registration.check(now, maxLifetime);
		String clientId = c.clientId() != null ? c.clientId() : UUID.randomUUID().toString();
		String secret = c.type() == ClientType.CONFIDENTIAL_SYMMETRIC ? ClientSecrets.generate() : null;
		String id = UUID.randomUUID().toString();
		try {
			jdbc.update(
					"insert into auth_client (id, tenant_id, client_id, name, client_type, redirect_uris, allowed_scopes,"
							+ " launch_types, launch_uri, jwks, jwks_url, secret_digest, owner, purpose, expires_at, created_at)"
							+ " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					id, tenant, clientId, c.name(), c.type().name(), String.join(" ", c.redirectUris()),
					String.join(" ", c.scopes()), launchTypes(c.launchTypes()), c.launchUri(), c.jwks(), c.jwksUrl(),
					secret == null ? null : ClientSecrets.digest(secret), c.owner(), c.purpose(),
					Timestamp.from(c.expiresAt()), Timestamp.from(now));
		} catch (DuplicateKeyException e) {
			throw new ClientRegistrationException("clientId: already registered in this tenant");
		}
		return new Registered(findById(id).orElseThrow(), secret);
	}

	public Optional<SmartClient> find(String tenant, String clientId) {
		return jdbc.query("select * from auth_client where tenant_id = ? and client_id = ?", this::map, tenant, clientId)
				.stream().findFirst();
	}

	public Optional<SmartClient> findById(String id) {
		return jdbc.query("select * from auth_client where id = ?", this::map, id).stream().findFirst();
	}

	public List<SmartClient> list(String tenant) {
		return jdbc.query("select * from auth_client where tenant_id = ? order by created_at, client_id", this::map, tenant);
	}

	/** Disables the client and ends every token it holds (backend and user tokens alike). */
	public Optional<SmartClient> disable(String tenant, String clientId) {
		if (find(tenant, clientId).isPresent()) {
			revocations.revokeClient(tenant, clientId, "client disabled");
		}
		jdbc.update("update auth_client set disabled_at = ? where tenant_id = ? and client_id = ? and disabled_at is null",
				Timestamp.from(clock.instant()), tenant, clientId);
		return find(tenant, clientId);
	}

	/** A new secret; the old one keeps working for {@code overlap} so deployments can roll over. */
	public Optional<Registered> rotateSecret(String tenant, String clientId, Duration overlap) {
		SmartClient client = find(tenant, clientId).orElse(null);
		if (client == null) {
			return Optional.empty();
		}
		if (client.type() != ClientType.CONFIDENTIAL_SYMMETRIC) {
			throw new ClientRegistrationException("type: only confidential-symmetric clients have a secret");
		}
		String secret = ClientSecrets.generate();
		jdbc.update(
				"update auth_client set previous_secret_digest = secret_digest, previous_secret_until = ?, secret_digest = ?"
						+ " where id = ?",
				Timestamp.from(clock.instant().plus(overlap)), ClientSecrets.digest(secret), client.id());
		return Optional.of(new Registered(findById(client.id()).orElseThrow(), secret));
	}

	/** Records that a token was issued to the client; at most one write per client and minute, so busy clients cost no extra writes. */
	public void markUsed(String id) {
		Instant now = clock.instant();
		jdbc.update("update auth_client set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)",
				Timestamp.from(now), id, Timestamp.from(now.minusSeconds(60)));
	}

	private SmartClient map(ResultSet rs, int row) throws SQLException {
		return new SmartClient(
				rs.getString("id"),
				rs.getString("tenant_id"),
				rs.getString("client_id"),
				rs.getString("name"),
				ClientType.valueOf(rs.getString("client_type")),
				words(rs.getString("redirect_uris")),
				words(rs.getString("allowed_scopes")),
				parseLaunchTypes(rs.getString("launch_types")),
				rs.getString("launch_uri"),
				rs.getString("jwks"),
				rs.getString("jwks_url"),
				rs.getString("secret_digest"),
				rs.getString("previous_secret_digest"),
				instant(rs.getTimestamp("previous_secret_until")),
				rs.getString("owner"),
				rs.getString("purpose"),
				instant(rs.getTimestamp("expires_at")),
				instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("last_used_at")),
				instant(rs.getTimestamp("disabled_at")));
	}

	private static List<String> words(String text) {
		return text == null || text.isBlank() ? List.of() : Arrays.asList(text.strip().split(" +"));
	}

	private static String launchTypes(Set<LaunchType> types) {
		return String.join(" ", types.stream().map(LaunchType::value).toList());
	}

	private static Set<LaunchType> parseLaunchTypes(String text) {
		EnumSet<LaunchType> types = EnumSet.noneOf(LaunchType.class);
		words(text).forEach(t -> types.add(LaunchType.parse(t)));
		return types;
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
