package io.smartvitals.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartvitals.smart.auth.keys.KeyEncryptionKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionKeySourceTest {

	@TempDir
	Path dir;

	@Test
	void outsideDemoModeWithoutAKeyTheServerRefusesAndGeneratesNothing() {
		Path demoFile = dir.resolve("data/key-encryption-key");
		assertThatThrownBy(() -> new KeyEncryptionKeySource("", "", demoFile, false).load())
				.isInstanceOf(MissingKeyEncryptionKey.class)
				.hasMessageContaining("VITALS_KEK")
				.hasMessageContaining("VITALS_KEK_FILE")
				.hasMessageNotContaining("\n");
		assertThat(demoFile).doesNotExist();
	}

	@Test
	void aSecretFileIsReadAndOpensWhatTheSameKeySealed() throws Exception {
		String base64 = KeyEncryptionKey.generateBase64();
		Path secret = Files.writeString(dir.resolve("vitals_kek"), base64 + "\n");
		String sealed = KeyEncryptionKey.fromBase64(base64).seal("private key", "kid-1");
		KeyEncryptionKey loaded = new KeyEncryptionKeySource("", secret.toString(), dir.resolve("unused"), false).load();
		assertThat(loaded.open(sealed, "kid-1")).isEqualTo("private key");
	}

	@Test
	void aMissingSecretFileIsNamedInTheRefusal() {
		assertThatThrownBy(() -> new KeyEncryptionKeySource("", dir.resolve("absent").toString(), dir.resolve("unused"), true).load())
				.isInstanceOf(MissingKeyEncryptionKey.class)
				.hasMessageContaining("absent");
	}

	@Test
	void aMalformedKeyIsRefusedWithoutEchoingIt() {
		assertThatThrownBy(() -> new KeyEncryptionKeySource("c2hvcnQtc2VjcmV0", "", dir.resolve("unused"), false).load())
				.isInstanceOf(MissingKeyEncryptionKey.class)
				.hasMessageContaining("32 random bytes")
				.hasMessageNotContaining("c2hvcnQtc2VjcmV0");
	}

	@Test
	void demoModeGeneratesOnceAndReusesTheFile() throws Exception {
		Path demoFile = dir.resolve("data/key-encryption-key");
		KeyEncryptionKey first = new KeyEncryptionKeySource("", "", demoFile, true).load();
		String sealed = first.seal("x", "row");
		assertThat(demoFile).exists();
		KeyEncryptionKey again = new KeyEncryptionKeySource("", "", demoFile, true).load();
		assertThat(again.open(sealed, "row")).isEqualTo("x");
	}

	@Test
	void demoModeInAnUnwritableDirectoryGetsAOneLineReason() throws Exception {
		Path blocker = Files.writeString(dir.resolve("data"), "a file where the directory should be");
		assertThatThrownBy(() -> new KeyEncryptionKeySource("", "", blocker.resolve("key-encryption-key"), true).load())
				.isInstanceOf(MissingKeyEncryptionKey.class)
				.hasMessageContaining("VITALS_KEK")
				.hasMessageNotContaining("\n");
	}
}
