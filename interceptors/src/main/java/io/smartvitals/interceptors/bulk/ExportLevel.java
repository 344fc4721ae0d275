package io.smartvitals.interceptors.bulk;

/** Where $export was called: the whole tenant, all patients, or the members of one Group. */
public enum ExportLevel {
	SYSTEM,
	PATIENT,
	GROUP
}
