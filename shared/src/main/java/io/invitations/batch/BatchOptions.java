package io.invitations.batch;

import io.invitations.csv.YesNo;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A batch's options, as its kind takes them: one record per kind ({@link CreateOptions}, {@link AcceptOptions},
 * {@link RevokeOptions}, {@link ExportOptions}), read from the uploaded object's user metadata
 * ({@code x-amz-meta-has-header} and so on) with the seed's defaults. An option a kind does not take is ignored.
 */
public sealed interface BatchOptions permits CreateOptions, AcceptOptions, RevokeOptions, ExportOptions {
    String HAS_HEADER = "has-header";
    String INCLUDE_ENCODED = "include-encoded";
    String PARENT_TOKEN = "parent-token";
    String S3_CONFIG = "s3-config";
    String NAME_PREFIX = "name-prefix";
    String DEVICE_ID = "device-id";

    /** Whether the input's first line is a header (an export's trigger has no input: true). */
    boolean hasHeader();

    /** Whether the results carry the Encoded Data column. */
    boolean includeEncoded();

    /** The options as S3 user metadata (every flag spelled out, empty values left out). */
    Map<String, String> toMetadata();

    /** Reads the options of a batch of {@code kind}; an invalid value throws {@link InvalidOptionException}. */
    static BatchOptions fromMetadata(BatchKind kind, Map<String, String> metadata) {
        return kind.readOptions(Metadata.of(metadata));
    }

    static BatchOptions defaults(BatchKind kind) {
        return fromMetadata(kind, Map.of());
    }

    /** Options as metadata, keys normalized: the values each kind's record reads. */
    record Metadata(Map<String, String> values) {
        /** S3 user metadata as given, keys normalized (lower case, {@code _} as {@code -}), values stripped. */
        public static Metadata of(Map<String, String> metadata) {
            Map<String, String> lower = new HashMap<>();
            metadata.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT).replace('_', '-'), v == null ? "" : v.strip()));
            return new Metadata(lower);
        }

        public String text(String name) {
            return values.getOrDefault(name, "");
        }

        public boolean flag(String name, boolean fallback) {
            String value = text(name);
            if (value.isEmpty()) {
                return fallback;
            }
            return YesNo.parse(value).orElseThrow(() -> new InvalidOptionException("option " + name + " '"
                    + value.toLowerCase(Locale.ROOT) + "' is not true or false"));
        }

        /** Metadata to write: every given flag, and the texts that are not empty. */
        public static Map<String, String> of(Map<String, Boolean> flags, Map<String, String> texts) {
            Map<String, String> metadata = new TreeMap<>();
            flags.forEach((name, value) -> metadata.put(name, String.valueOf(value)));
            texts.forEach((name, value) -> {
                if (!value.isEmpty()) {
                    metadata.put(name, value);
                }
            });
            return metadata;
        }
    }
}
