package io.smartvitals.server.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code vitals.demo.*}: how much synthetic data the demo profile loads, and where its backend clients' keys go. */
@ConfigurationProperties("vitals.demo")
public record DemoSettings(@DefaultValue("20") int patients, @DefaultValue("30") int days, @DefaultValue("data") Path keyDir) {}
