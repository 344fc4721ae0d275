/**
 * Bulk Data $export rules that do not need HAPI's job machinery: what a kick-off request asks for
 * ({@link ExportKickoff}), what a backend token may export ({@link ExportGrant}), who owns a job.
 */
package io.smartvitals.interceptors.bulk;
