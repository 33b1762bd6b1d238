package io.invitations.batch;

/**
 * Where a batch's outputs go: the input key mirrored from {@code incoming/} to {@code results/}
 * (never under a trigger prefix), {@code .csv} replaced by {@code -results.csv} and {@code -summary.json}.
 */
public record ResultKeys(String results, String summary) {
    public static ResultKeys forSource(String sourceKey) {
        if (!sourceKey.startsWith(BatchKind.INCOMING)) {
            throw new IllegalArgumentException("not an incoming key: " + sourceKey);
        }
        String base = BatchKind.RESULTS + sourceKey.substring(BatchKind.INCOMING.length());
        if (base.regionMatches(true, base.length() - 4, ".csv", 0, 4)) {
            base = base.substring(0, base.length() - 4);
        }
        return new ResultKeys(base + "-results.csv", base + "-summary.json");
    }
}
