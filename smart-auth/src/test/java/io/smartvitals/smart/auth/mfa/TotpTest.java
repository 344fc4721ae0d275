package io.smartvitals.smart.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

	/** RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
	private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest(name = "T={0}s -> {1}")
	@CsvSource({
		"59, 94287082",
		"1111111109, 07081804",
		"1111111111, 14050471",
		"1234567890, 89005924",
		"2000000000, 69279037",
		"20000000000, 65353130"
	})
	void rfc6238Sha1TestVectorsWithEightDigits(long unixSeconds, String expected) {
		assertThat(Totp.code(RFC_SEED, Totp.stepAt(Instant.ofEpochSecond(unixSeconds)), 8)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "T={0}s -> {1}")
	@CsvSource({"59, 287082", "1111111109, 081804", "1234567890, 005924", "20000000000, 353130"})
	void sixDigitCodesAreTheLowSixDigitsOfTheSameVectors(long unixSeconds, String expected) {
		assertThat(Totp.code(RFC_SEED, Instant.ofEpochSecond(unixSeconds))).isEqualTo(expected);
	}

	@Test
	void aCodeOfTheStepBeforeOrAfterIsAcceptedButNotTwoStepsAway() {
		Instant now = Instant.ofEpochSecond(1_111_111_111L);
		long step = Totp.stepAt(now);
		assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step - 1, 6), now)).hasValue(step - 1);
		assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step + 1, 6), now)).hasValue(step + 1);
		assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step - 2, 6), now)).isEmpty();
		assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step + 2, 6), now)).isEmpty();
	}

	@Test
	void malformedCodesNeverMatch() {
		Instant now = Instant.ofEpochSecond(59);
		assertThat(Totp.matchingStep(RFC_SEED, null, now)).isEmpty();
		assertThat(Totp.matchingStep(RFC_SEED, "", now)).isEmpty();
		assertThat(Totp.matchingStep(RFC_SEED, "28708", now)).isEmpty();
		assertThat(Totp.matchingStep(RFC_SEED, "94287082", now)).isEmpty();
		assertThat(Totp.matchingStep(RFC_SEED, "28708a", now)).isEmpty();
		assertThat(Totp.matchingStep(RFC_SEED, "287 082", now)).isPresent();
	}

	@Test
	void base32RoundTripsAndMatchesRfc4648() {
		assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
		assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
		assertThat(new String(Base32.decode("mzxw 6ytb oi======"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
		assertThat(Base32.decode(Base32.encode(RFC_SEED))).isEqualTo(RFC_SEED);
	}

	@Test
	void enrolmentUriNamesIssuerAccountAndParameters() {
		TotpEnrolment enrolment = TotpEnrolment.of("JBSWY3DPEHPK3PXP", "SMART Vitals General Hospital", "dr.smith");
		assertThat(enrolment.otpauthUri()).isEqualTo("otpauth://totp/SMART%20Vitals%20General%20Hospital:dr.smith"
				+ "?secret=JBSWY3DPEHPK3PXP&issuer=SMART%20Vitals%20General%20Hospital&algorithm=SHA1&digits=6&period=30");
		assertThat(enrolment.groupedSecret()).isEqualTo("JBSW Y3DP EHPK 3PXP");
		assertThat(Base32.decode(TotpEnrolment.newSecret())).hasSize(20);
	}
}
