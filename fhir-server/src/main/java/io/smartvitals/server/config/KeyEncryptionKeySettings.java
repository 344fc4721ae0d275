package io.smartvitals.server.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the key-encryption key comes from ({@code vitals.auth.key-encryption-key},
 * {@code -file}, and the demo's generated file); see {@code KeyEncryptionKeySource} for the order.
 */
@ConfigurationProperties("vitals.auth")
public record KeyEncryptionKeySettings(
		@DefaultValue("") String keyEncryptionKey,
		@DefaultValue("") String keyEncryptionKeyFile,
		@DefaultValue("./data/key-encryption-key") Path demoKeyEncryptionKeyFile) {}
