package io.smartvitals.tenants.paging;

import java.time.Clock;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;

/** HAPI expires stored searches within hours; owner rows older than that serve nothing. */
public class SearchOwnerRetention {

	private final SearchOwnerRepository owners;
	private final Duration keep;
	private final Clock clock;

	public SearchOwnerRetention(SearchOwnerRepository owners, Duration keep, Clock clock) {
		this.owners = owners;
		this.keep = keep;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	public void forgetExpired() {
		owners.deleteCreatedBefore(clock.instant().minus(keep));
	}
}
