package io.smartvitals.smart.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceThrottleTest {

	@Test
	void anIpv4AddressIsItsOwnSourceAndAnIpv6AddressCountsByItsSlash64() {
		assertThat(SourceThrottle.source("192.0.2.7")).isEqualTo("192.0.2.7");
		assertThat(SourceThrottle.source("2001:db8:1:2:aaaa::1")).isEqualTo(SourceThrottle.source("2001:db8:1:2:ffff:1:2:3"))
				.isEqualTo("2001:db8:1:2::/64");
		assertThat(SourceThrottle.source("[2001:db8:1:3::1]")).isEqualTo("2001:db8:1:3::/64");
		assertThat(SourceThrottle.source("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
	}

	@Test
	void whatIsNotAnAddressLiteralIsNeverResolved() {
		assertThat(SourceThrottle.source("evil.example")).isEqualTo("unknown");
		assertThat(SourceThrottle.source(null)).isEqualTo("unknown");
		assertThat(SourceThrottle.source("")).isEqualTo("unknown");
	}

	@Test
	void theWaitDoublesAfterTheFreeFailuresAndIsForgottenAfterTheWindow() {
		SourceThrottle throttle = SourceThrottle.defaults();
		Instant last = Instant.parse("2026-12-06T10:00:00Z");
		assertThat(throttle.waitUntil(19, last, last)).isEmpty();
		assertThat(throttle.waitUntil(20, last, last)).contains(last.plusSeconds(1));
		assertThat(throttle.waitUntil(22, last, last.plusSeconds(3))).contains(last.plusSeconds(4));
		assertThat(throttle.waitUntil(40, last, last.plusSeconds(59))).contains(last.plusSeconds(60));
		assertThat(throttle.waitUntil(40, last, last.plus(Duration.ofMinutes(16)))).isEmpty();
	}
}
