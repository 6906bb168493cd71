package org.synnefo.reactive.cyclades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.cyclades.compute.CycladesComputeClient;

class WaitOptionsTest {

    @Test
    void unsetComponentsComeFromTheResourceDefaults() {
        WaitOptions merged = WaitOptions.defaults().withDeadline(Duration.ofMinutes(2))
                .orElse(CycladesComputeClient.SERVER_WAIT_DEFAULTS);
        assertThat(merged.deadline()).isEqualTo(Duration.ofMinutes(2));
        assertThat(merged.initialDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(merged.maxDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(merged.notFoundGrace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rejectsNonPositiveDurations() {
        assertThatThrownBy(() -> WaitOptions.defaults().withDeadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaitOptions.defaults().withNotFoundGrace(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(WaitOptions.defaults().withNotFoundGrace(Duration.ZERO).notFoundGrace()).isZero();
    }
}
