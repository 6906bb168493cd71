package org.synnefo.reactive.core.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class PagingTest {

    private static final List<String> ALL = IntStream.range(0, 25).mapToObj(i -> String.format("obj%02d", i))
            .collect(Collectors.toList());

    /** A listing server: items after the marker, at most limit of them. */
    private static Mono<List<String>> page(Paging.PageRequest r, List<Paging.PageRequest> seen) {
        return Mono.fromSupplier(() -> {
            seen.add(r);
            return ALL.stream().filter(s -> r.marker() == null || s.compareTo(r.marker()) > 0).limit(r.limit())
                    .collect(Collectors.toList());
        });
    }

    @Test
    void requestingOneItemCostsOnePageRequest() {
        List<Paging.PageRequest> seen = new ArrayList<>();
        StepVerifier.create(Paging.byMarker(10, r -> page(r, seen), s -> s), 1)
                .expectNext("obj00")
                .thenCancel()
                .verify();
        assertThat(seen).containsExactly(new Paging.PageRequest(null, 10));

        seen.clear();
        StepVerifier.create(Paging.byMarker(10, r -> page(r, seen), s -> s).take(1)).expectNext("obj00")
                .verifyComplete();
        assertThat(seen).hasSize(1);
    }

    @Test
    void theNextPageIsFetchedOnlyWhenMoreIsRequested() {
        List<Paging.PageRequest> seen = new ArrayList<>();
        StepVerifier.create(Paging.byMarker(10, r -> page(r, seen), s -> s), 10)
                .expectNextCount(10)
                .then(() -> assertThat(seen).hasSize(1))
                .thenRequest(1)
                .expectNext("obj10")
                .then(() -> assertThat(seen).containsExactly(new Paging.PageRequest(null, 10),
                        new Paging.PageRequest("obj09", 10)))
                .thenCancel()
                .verify();
    }

    @Test
    void fullIterationAcrossPagesEndsOnAShortPage() {
        List<Paging.PageRequest> seen = new ArrayList<>();
        StepVerifier.create(Paging.byMarker(10, r -> page(r, seen), s -> s).collectList())
                .assertNext(items -> assertThat(items).isEqualTo(ALL))
                .verifyComplete();
        assertThat(seen).extracting(Paging.PageRequest::marker).containsExactly(null, "obj09", "obj19");
    }

    @Test
    void anExactMultipleEndsOnAnEmptyPage() {
        List<Paging.PageRequest> seen = new ArrayList<>();
        StepVerifier.create(Paging.byMarker(5, r -> page(r, seen), s -> s).count()).expectNext(25L).verifyComplete();
        assertThat(seen).hasSize(6);
        assertThat(seen.get(5).marker()).isEqualTo("obj24");
    }

    @Test
    void aFailingPageFailsTheListingAfterTheEarlierItems() {
        List<Paging.PageRequest> seen = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        StepVerifier.create(Paging.<String>byMarker(10, r -> r.marker() == null ? page(r, seen) : Mono.error(boom),
                        s -> s))
                .expectNextCount(10)
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
                .verify();
    }
}
