package io.invitations.overlap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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

    /** Items sharing a key, even through a third item, are one group: taken one at a time, in the items' order. */
    @Test
    void competingItemsAreTakenOneAtATimeInTheItemsOrder() {
        // Item i names key i % 5; every tenth item also names "shared", which joins its group with the next one's.
        List<Integer> items = IntStream.range(0, 100).boxed().toList();
        Function<Integer, List<String>> keys = i -> i % 10 == 0 ? List.of("k" + i % 5, "k" + (i + 1) % 5)
                : List.of("k" + i % 5);
        assertEquals(List.of(List.of(0, 1, 5, 6, 10, 11, 15, 16, 20, 21, 25, 26, 30, 31, 35, 36, 40, 41, 45, 46, 50,
                        51, 55, 56, 60, 61, 65, 66, 70, 71, 75, 76, 80, 81, 85, 86, 90, 91, 95, 96)),
                CompetingItems.groups(items, keys).subList(0, 1));
        Map<Integer, List<Integer>> takenPerGroup = new ConcurrentHashMap<>();
        Set<Integer> running = ConcurrentHashMap.newKeySet();
        List<Integer> results = overlap.map(items, keys, i -> {
            int group = CompetingItems.groups(items, keys).stream().filter(g -> g.contains(i)).findFirst()
                    .orElseThrow().get(0);
            assertTrue(running.add(group), "two items of one group at once");
            takenPerGroup.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>()).add(i);
            running.remove(group);
            return i * 2;
        });
        assertEquals(items.stream().map(i -> i * 2).toList(), results);
        assertEquals(CompetingItems.groups(items, keys), takenPerGroup.values().stream()
                .sorted(Comparator.comparing(taken -> taken.get(0))).toList());
    }

    @Test
    void itemsNamingNoKeyAreEachAGroup() {
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)),
                CompetingItems.groups(List.of("a", "b", "c"), item -> List.of()));
    }
}
