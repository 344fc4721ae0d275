/**
 * Paging links ({@code _getpages}) bound to the owner of the search that created them: its tenant
 * and its token's client and subject, in one table with one check and one retention job.
 */
package io.smartvitals.interceptors.paging;
