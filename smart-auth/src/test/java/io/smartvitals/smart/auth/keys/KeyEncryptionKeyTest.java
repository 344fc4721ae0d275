package io.smartvitals.smart.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyEncryptionKeyTest {

	private final KeyEncryptionKey kek = KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64());

	@Test
	void sealedValuesOpenWithTheSameKeyAndBinding() {
		String sealed = kek.seal("{\"d\":\"secret\"}", "kid-1");
		assertThat(sealed).doesNotContain("secret");
		assertThat(kek.open(sealed, "kid-1")).isEqualTo("{\"d\":\"secret\"}");
	}

	@Test
	void sealingTwiceGivesDifferentCiphertexts() {
		assertThat(kek.seal("x", "kid")).isNotEqualTo(kek.seal("x", "kid"));
	}

	@Test
	void aValueMovedToAnotherRowDoesNotOpen() {
		String sealed = kek.seal("secret", "kid-1");
		assertThatThrownBy(() -> kek.open(sealed, "kid-2")).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void anotherKeyOrATamperedValueDoesNotOpen() {
		String sealed = kek.seal("secret", "kid-1");
		KeyEncryptionKey other = KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64());
		assertThatThrownBy(() -> other.open(sealed, "kid-1")).isInstanceOf(IllegalStateException.class);
		byte[] raw = Base64.getDecoder().decode(sealed);
		raw[raw.length - 1] ^= 1;
		assertThatThrownBy(() -> kek.open(Base64.getEncoder().encodeToString(raw), "kid-1")).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void onlyThirtyTwoByteKeysAreAccepted() {
		assertThatThrownBy(() -> KeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
