/**
 * Binding paging links ({@code _getpages}) to the tenant whose search created them, because
 * HAPI serves a stored search's pages to any partition that knows its uuid.
 */
package io.smartvitals.tenants.paging;
