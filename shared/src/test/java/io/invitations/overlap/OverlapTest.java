package io.invitations.overlap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A chunk's calls overlapping: results in order, at most the width at once, every piece ended before a failure. */
class OverlapTest {
    private final Overlap overlap = Overlap.threads(4);

    @Test
    void resultsComeInTheItemsOrder() {
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        assertEquals(items.stream().map(i -> i * 2).toList(), overlap.map(items, i -> i * 2));
        assertEquals(List.of(), overlap.map(List.<Integer>of(), i -> i));
    }

    /** Four pieces wait for each other: they can only all arrive if four run at once, and never a fifth. */
    @Test
    void piecesRunAtOnceUpToTheWidth() {
        CountDownLatch four = new CountDownLatch(4);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        overlap.map(IntStream.range(0, 40).boxed().toList(), i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            four.countDown();
            try {
                assertTrue(four.await(10, TimeUnit.SECONDS), "four pieces at once");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            running.decrementAndGet();
            return i;
        });
        assertEquals(4, most.get());
    }

    @Test
    void aFailureIsThrownOnceEveryOtherPieceEnded() {
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> overlap.map(
                IntStream.range(0, 50).boxed().toList(), i -> {
                    if (i == 7) {
                        throw new IllegalStateException("row 7 throttled");
                    }
                    done.add(i);
                    return i;
                }));
        assertEquals("row 7 throttled", thrown.getMessage());
        assertEquals(49, done.size(), "the other pieces all ran to their end");
    }

    @Test
    void everyPieceCarriesTheCallersLogKeys() {
        MDC.put("batch_id", "b-1");
        try {
            List<String> seen = overlap.map(new ArrayList<>(IntStream.range(0, 20).boxed().toList()),
                    i -> MDC.get("batch_id"));
            assertEquals(List.of("b-1"), seen.stream().distinct().toList());
        } finally {
            MDC.clear();
        }
    }
}
