package io.smartvitals.server.secrets;

import io.smartvitals.smart.auth.keys.KeyEncryptionKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-encryption key that seals every tenant's signing keys and TOTP secrets. It must outlive
 * any one node or container, so outside demo mode it comes only from configuration
 * ({@code VITALS_KEK}) or a secret file ({@code VITALS_KEK_FILE}, e.g. a compose secret), and the
 * server refuses to start without one. Only demo mode generates a key, into its data directory.
 */
public final class KeyEncryptionKeySource {

	private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKeySource.class);

	private final String value;
	private final String secretFile;
	private final Path demoFile;
	private final boolean demo;
	/** Resolved once: the signing-key sealer and the audit checkpoints both ask, and a file is read once. */
	private String resolved;

	public KeyEncryptionKeySource(String value, String secretFile, Path demoFile, boolean demo) {
		this.value = value == null ? "" : value.strip();
		this.secretFile = secretFile == null ? "" : secretFile.strip();
		this.demoFile = demoFile;
		this.demo = demo;
	}

	public KeyEncryptionKey load() {
		return KeyEncryptionKey.fromBase64(base64());
	}

	/**
	 * The key as configured (base64), checked to be a key; audit checkpoints derive their signing
	 * key from this text, so it is the same on every node and across restarts.
	 */
	public synchronized String base64() {
		if (resolved == null) {
			resolved = resolve();
		}
		return resolved;
	}

	private String resolve() {
		if (!value.isEmpty()) {
			return checked(value, "VITALS_KEK");
		}
		if (!secretFile.isEmpty()) {
			Path file = Path.of(secretFile);
			if (!Files.isReadable(file)) {
				throw new MissingKeyEncryptionKey("VITALS_KEK_FILE names " + file + ", which does not exist or is not readable by this user");
			}
			return checked(read(file), "VITALS_KEK_FILE " + file);
		}
		if (demo) {
			return checked(readOrGenerateDemoKey(), "the demo key " + demoFile);
		}
		throw new MissingKeyEncryptionKey("No key-encryption key: set VITALS_KEK (32 random bytes, base64: openssl rand -base64 32)"
				+ " or VITALS_KEK_FILE (a file holding it, e.g. /run/secrets/vitals_kek), the same on every node");
	}

	private String readOrGenerateDemoKey() {
		try {
			if (!Files.exists(demoFile)) {
				Files.createDirectories(demoFile.toAbsolutePath().getParent());
				Files.writeString(demoFile, KeyEncryptionKey.generateBase64());
				try {
					Files.setPosixFilePermissions(demoFile, PosixFilePermissions.fromString("rw-------"));
				} catch (UnsupportedOperationException notPosix) {
					// best effort outside POSIX file systems
				}
				log.warn("Demo mode: generated a key-encryption key in {}; production needs VITALS_KEK or VITALS_KEK_FILE", demoFile);
			}
			return Files.readString(demoFile);
		} catch (IOException e) {
			throw new MissingKeyEncryptionKey("Demo mode cannot write its key-encryption key to " + demoFile.toAbsolutePath()
					+ " (" + e.getClass().getSimpleName() + "); run from a writable directory or set VITALS_KEK");
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			throw new MissingKeyEncryptionKey("Cannot read VITALS_KEK_FILE " + file + " (" + e.getClass().getSimpleName() + ")");
		}
	}

	private static String checked(String base64, String source) {
		try {
			KeyEncryptionKey.fromBase64(base64);
			return base64.strip();
		} catch (IllegalArgumentException e) {
			// The message never echoes the value: it is a secret even when malformed.
			throw new MissingKeyEncryptionKey(source + " is not a key-encryption key: it must be 32 random bytes, base64 (openssl rand -base64 32)");
		}
	}
}
