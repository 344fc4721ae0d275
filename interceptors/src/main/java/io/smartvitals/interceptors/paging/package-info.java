/**
 * Binding paging links ({@code _getpages}) to the token (tenant, client and subject) whose
 * search created them; the tenant binding itself lives in the tenants module.
 */
package io.smartvitals.interceptors.paging;
