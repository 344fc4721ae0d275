package io.smartvitals.tenants.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Error body of the admin API, shaped like an OAuth error so one client parser fits both. */
public record AdminError(
		@JsonProperty("error") String error, @JsonProperty("error_description") String description) {}
