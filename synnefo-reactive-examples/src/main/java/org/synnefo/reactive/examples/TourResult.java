package org.synnefo.reactive.examples;

import java.time.Duration;
import java.util.List;

/**
 * How a run of the tour went.
 *
 * @param passed the names of the scenarios that succeeded, in order
 * @param failed the name of the scenario that failed, or {@code null} when all succeeded
 * @param reason one line saying why it failed, or {@code null}
 * @param elapsed how long the scenarios took
 */
public record TourResult(List<String> passed, String failed, String reason, Duration elapsed) {

    /** Copies the list. */
    public TourResult {
        passed = List.copyOf(passed);
    }

    /** @return true when every scenario succeeded */
    public boolean success() {
        return failed == null;
    }
}
