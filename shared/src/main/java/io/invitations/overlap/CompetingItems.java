package io.invitations.overlap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A chunk's items split into groups that cannot affect one another: two items naming one key (an invitation, a
 * device's profile name, an External Id) are in one group, and so is anything that competes with either of them.
 * Groups come in the order of their first item, each group's items in the chunk's order.
 */
final class CompetingItems {
    private CompetingItems() {
    }

    /** The items' indexes, grouped; an item naming no key is a group of its own. */
    static <I> List<List<Integer>> groups(List<I> items, Function<? super I, ? extends Collection<String>> keys) {
        int[] parent = new int[items.size()];
        Map<String, Integer> firstHolder = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            parent[i] = i;
            for (String key : keys.apply(items.get(i))) {
                Integer holder = firstHolder.putIfAbsent(key, i);
                if (holder != null) {
                    join(parent, holder, i);
                }
            }
        }
        Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            byRoot.computeIfAbsent(root(parent, i), root -> new ArrayList<>()).add(i);
        }
        return List.copyOf(byRoot.values());
    }

    private static void join(int[] parent, int a, int b) {
        int rootA = root(parent, a);
        int rootB = root(parent, b);
        // The smaller index stays the root, so that a group's root is its first item.
        parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
