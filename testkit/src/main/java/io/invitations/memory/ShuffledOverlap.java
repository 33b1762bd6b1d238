package io.invitations.memory;

import io.invitations.overlap.Overlap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * An overlap as the simulator models it: the pieces one by one, in an order {@code random} picks (threads would
 * finish them in any order), the results in the items' order. Deterministic: the same seed, the same order.
 */
public final class ShuffledOverlap implements Overlap {
    private final Random random;

    public ShuffledOverlap(Random random) {
        this.random = random;
    }

    @Override
    public <I, O> List<O> map(List<I> items, Function<? super I, ? extends O> work) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        Object[] results = new Object[items.size()];
        for (int i : order) {
            results[i] = work.apply(items.get(i));
        }
        @SuppressWarnings("unchecked")
        List<O> inOrder = (List<O>) Arrays.asList(results);
        return inOrder;
    }
}
