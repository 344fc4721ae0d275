package io.smartvitals.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.smartvitals.server.demo.SyntheticTenantData;
import io.smartvitals.server.demo.VitalSignFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;

/**
 * Writes patients and their vitals to one tenant as transaction bundles over HTTP, from several
 * client threads. Vitals cycle through the profiled kinds, one reading per patient per kind and hour.
 */
public final class BulkVitalsWriter {

	public record Result(List<String> patients, long vitals, double seconds) {
		public double vitalsPerSecond() {
			return vitals / seconds;
		}
	}

	private static final VitalSignFactory.Kind[] KINDS = {
		VitalSignFactory.Kind.HEART_RATE, VitalSignFactory.Kind.RESPIRATORY_RATE, VitalSignFactory.Kind.BODY_TEMPERATURE,
		VitalSignFactory.Kind.OXYGEN_SATURATION, VitalSignFactory.Kind.BODY_WEIGHT
	};

	/** When every patient's first reading is taken; reading n is n hours later. */
	public static final Instant FIRST_READING = Instant.parse("2026-01-01T00:00:00Z");

	private final FhirContext fhir = FhirContext.forR4Cached();
	private final String base;
	private final String accessToken;

	/** @param accessToken a bearer token with create rights in the tenant (e.g. system/*.cruds) */
	public BulkVitalsWriter(String base, String accessToken) {
		this.base = base;
		this.accessToken = accessToken;
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		fhir.getRestfulClientFactory().setSocketTimeout(300_000);
		fhir.getRestfulClientFactory().setPoolMaxTotal(32);
		fhir.getRestfulClientFactory().setPoolMaxPerRoute(32);
	}

	public List<String> createPatients(int count, int bundleSize) {
		List<String> ids = new ArrayList<>();
		IGenericClient client = client();
		for (int start = 1; start <= count; start += bundleSize) {
			Bundle transaction = SyntheticTenantData.transaction();
			for (int i = start; i < Math.min(start + bundleSize, count + 1); i++) {
				SyntheticTenantData.add(transaction, SyntheticTenantData.patient(i, null));
			}
			for (Bundle.BundleEntryComponent entry : client.transaction().withBundle(transaction).execute().getEntry()) {
				ids.add(entry.getResponse().getLocation().replaceFirst("/_history/.*", ""));
			}
		}
		return ids;
	}

	private IGenericClient client() {
		IGenericClient client = fhir.newRestfulGenericClient(base);
		if (accessToken != null && !accessToken.isBlank()) {
			client.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor(accessToken));
		}
		return client;
	}

	/** Writes {@code perPatient} vitals for every patient, in transactions of {@code bundleSize}. */
	public Result writeVitals(List<String> patients, int perPatient, int bundleSize, int threads) throws Exception {
		return writeVitals(patients, perPatient, bundleSize, threads, FIRST_READING);
	}

	/** As above, the first reading at {@code start}: later calls continue a patient's series. */
	public Result writeVitals(List<String> patients, int perPatient, int bundleSize, int threads, Instant start) throws Exception {
		List<Bundle> bundles = vitalTransactions(patients, perPatient, bundleSize, start);
		long vitals = (long) patients.size() * perPatient;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long began = System.nanoTime();
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (Bundle bundle : bundles) {
				futures.add(pool.submit(() -> client().transaction().withBundle(bundle).execute()));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		} finally {
			pool.shutdown();
		}
		return new Result(patients, vitals, (System.nanoTime() - began) / 1e9);
	}

	/** {@code perPatient} hourly vitals per patient from {@code start}, as transactions of {@code bundleSize}. */
	public static List<Bundle> vitalTransactions(List<String> patients, int perPatient, int bundleSize, Instant start) {
		List<Observation> all = new ArrayList<>();
		for (int n = 0; n < perPatient; n++) {
			for (int p = 0; p < patients.size(); p++) {
				VitalSignFactory.Kind kind = KINDS[n % KINDS.length];
				double value = 50 + (p * 31 + n * 17) % 40;
				all.add(VitalSignFactory.measurement(kind, patients.get(p), start.plusSeconds(3600L * n), value));
			}
		}
		List<Bundle> bundles = new ArrayList<>();
		for (int i = 0; i < all.size(); i += bundleSize) {
			Bundle transaction = SyntheticTenantData.transaction();
			all.subList(i, Math.min(i + bundleSize, all.size())).forEach(o -> SyntheticTenantData.add(transaction, o));
			bundles.add(transaction);
		}
		return bundles;
	}
}
