package io.smartvitals.audit.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FlushDelayTest {

	@Test
	void appliesOnlyWhileEnoughRequestsInProgressHaveNotYetAskedForAFlush() {
		AtomicInteger inProgress = new AtomicInteger();
		FlushDelay delay = new FlushDelay(Duration.ofMillis(1), 2, inProgress::get);
		inProgress.set(3);
		// The leader waits alone: two others may still write.
		assertThat(delay.applies(1)).isTrue();
		// One of them already waits for a flush: only one may still write.
		assertThat(delay.applies(2)).isFalse();
		inProgress.set(2);
		assertThat(delay.applies(1)).isFalse();
	}

	@Test
	void noneAndAZeroDelayNeverApply() {
		assertThat(FlushDelay.NONE.applies(1)).isFalse();
		assertThat(new FlushDelay(Duration.ZERO, 1, () -> 100).applies(1)).isFalse();
	}

	@Test
	void aNegativeDelayOrNoSiblingsIsRefused() {
		assertThatThrownBy(() -> new FlushDelay(Duration.ofMillis(-1), 1, () -> 0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new FlushDelay(Duration.ofMillis(1), 0, () -> 0)).isInstanceOf(IllegalArgumentException.class);
	}
}
