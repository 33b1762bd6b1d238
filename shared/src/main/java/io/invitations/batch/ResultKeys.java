package io.invitations.batch;

/**
 * Where a batch's outputs go: the input key mirrored from {@code incoming/} to {@code results/}
 * (never under a trigger prefix), {@code .csv} replaced by {@code -results.csv} and {@code -summary.json}.
 */
public record ResultKeys(String results, String summary) {
    /** An export's outputs: {@code results/export/<timestamp>-invitations.csv} and its summary. */
    public static ResultKeys forExport(java.time.Instant startedAt) {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(startedAt);
        String base = BatchKind.EXPORT.resultsPrefix() + stamp;
        return new ResultKeys(base + "-invitations.csv", base + "-summary.json");
    }

    /** Where the outputs of a batch of {@code kind} started at {@code startedAt} from {@code sourceKey} go. */
    public static ResultKeys of(BatchKind kind, String sourceKey, java.time.Instant startedAt) {
        return kind == BatchKind.EXPORT ? forExport(startedAt) : forSource(sourceKey);
    }

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
