/** SMART discovery: {@code .well-known/smart-configuration}, the CapabilityStatement's security section, the style document. */
package io.smartvitals.smart.auth.discovery;
