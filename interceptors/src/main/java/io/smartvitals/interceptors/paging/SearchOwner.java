package io.smartvitals.interceptors.paging;

/**
 * Who a stored search (and so its paging links) belongs to: the tenant, and for a token holder's
 * search the token's owner ({@code client subject}); {@code null} only when enforcement is off.
 */
public record SearchOwner(String tenant, String tokenOwner) {}
