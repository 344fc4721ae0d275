package io.smartvitals.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Lifetimes and clock skew of the authorization server's tokens and clients ({@code vitals.auth.*}), with their defaults. */
@ConfigurationProperties("vitals.auth")
public record TokenSettings(
		@DefaultValue("1h") Duration accessTokenLifetime,
		@DefaultValue("5m") Duration backendAccessTokenLifetime,
		@DefaultValue("30d") Duration refreshTokenLifetime,
		@DefaultValue("12h") Duration onlineRefreshTokenLifetime,
		@DefaultValue("2m") Duration authorizationCodeLifetime,
		@DefaultValue("15s") Duration clockSkew,
		@DefaultValue("365d") Duration clientMaxLifetime,
		@DefaultValue("1h") Duration maxTokenLifetime,
		@DefaultValue("24h") Duration clientSecretOverlap,
		@DefaultValue("10m") Duration keyPublishLead) {}
