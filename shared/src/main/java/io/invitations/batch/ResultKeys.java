package io.invitations.batch;

/**
 * Where a batch's outputs go: the input key mirrored from {@code incoming/} to {@code results/}
 * (never under a trigger prefix), {@code .csv} replaced by {@code -results.csv} and {@code -summary.json}.
 */
public record ResultKeys(String results, String summary) {
    /** S3's limit on a key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;

    /** An export's outputs: {@code results/export/<timestamp>-invitations.csv} and its summary. */
    public static ResultKeys forExport(java.time.Instant startedAt) {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(startedAt);
        String base = BatchKind.EXPORT.resultsPrefix() + stamp;
        return new ResultKeys(base + "-invitations.csv", base + "-summary.json");
    }

    /** Where the outputs of a batch of {@code kind} started at {@code startedAt} from {@code sourceKey} go. */
    public static ResultKeys of(BatchKind kind, String sourceKey, java.time.Instant startedAt) {
        return kind.resultsMirrorSource() ? forSource(sourceKey) : forExport(startedAt);
    }

    public static ResultKeys forSource(String sourceKey) {
        if (!sourceKey.startsWith(BatchKind.INCOMING)) {
            throw new IllegalArgumentException("not an incoming key: " + sourceKey);
        }
        String base = BatchKind.RESULTS + sourceKey.substring(BatchKind.INCOMING.length());
        if (base.regionMatches(true, base.length() - 4, ".csv", 0, 4)) {
            base = base.substring(0, base.length() - 4);
        }
        if ((base + "-summary.json").getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            // Too long to mirror within S3's key limit: same folder of results, a name derived from the key.
            String folder = base.substring(0, base.indexOf('/', BatchKind.RESULTS.length()) + 1);
            base = folder + "long-key-" + new SourceObject("", sourceKey, "", "", "", 0).batchId().substring(2);
        }
        return new ResultKeys(base + "-results.csv", base + "-summary.json");
    }
}
