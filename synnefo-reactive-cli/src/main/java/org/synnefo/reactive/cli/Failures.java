package org.synnefo.reactive.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import reactor.core.publisher.Mono;

/**
 * The files of a directory transfer that failed: one does not stop the others; each is reported on one
 * line at the end and the exit code is theirs when they agree, else {@link ExitCodes#FAILURE}.
 */
final class Failures {

    private final Map<String, Throwable> failed = new ConcurrentSkipListMap<>();

    <T> Mono<T> add(String name, Throwable e) {
        failed.put(name, e);
        return Mono.empty();
    }

    int count() {
        return failed.size();
    }

    void report(Context ctx, int total) {
        for (Map.Entry<String, Throwable> e : failed.entrySet()) {
            ctx.err().println("snf: failed: " + e.getKey() + ": " + ExitCodes.message(e.getValue()));
        }
        if (!failed.isEmpty()) {
            ctx.err().println("snf: " + failed.size() + " of " + total + " failed");
        }
    }

    int exitCode() {
        if (failed.isEmpty()) {
            return ExitCodes.OK;
        }
        List<Integer> codes = new ArrayList<>();
        for (Throwable t : failed.values()) {
            codes.add(ExitCodes.of(t));
        }
        int first = codes.get(0);
        return codes.stream().allMatch(c -> c == first) ? first : ExitCodes.FAILURE;
    }
}
