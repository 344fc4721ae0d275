/**
 * Server-rendered HTML for the people-facing pages: escaping, the security headers every page
 * sends, the non-redirecting OAuth error page, and the Spring Security setup the pages need.
 */
package io.smartvitals.smart.auth.pages;
