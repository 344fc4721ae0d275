package io.smartvitals.server.admin;

import java.util.Optional;

/** What the admin API accepts: the operator token, or nothing at all when none is configured. */
public record AdminCredential(Optional<OperatorToken> operatorToken) {}
