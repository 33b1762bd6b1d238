package io.invitations.batch;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The options of a create batch, read from the uploaded object's user metadata
 * ({@code x-amz-meta-has-header} and so on), with the seed's defaults.
 */
public record BatchOptions(boolean hasHeader, boolean includeEncoded, String parentToken, String s3Config) {
    public static final String HAS_HEADER = "has-header";
    public static final String INCLUDE_ENCODED = "include-encoded";
    public static final String PARENT_TOKEN = "parent-token";
    public static final String S3_CONFIG = "s3-config";
    private static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/\\S*)?");

    public static BatchOptions defaults() {
        return new BatchOptions(true, false, "", "");
    }

    /** Reads the options; an invalid value throws {@link InvalidOptionException} naming the option. */
    public static BatchOptions fromMetadata(Map<String, String> metadata) {
        Map<String, String> lower = new java.util.HashMap<>();
        metadata.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT).replace('_', '-'), v == null ? "" : v.strip()));
        String s3Config = lower.getOrDefault(S3_CONFIG, "");
        if (!s3Config.isEmpty() && !S3_URI.matcher(s3Config).matches()) {
            throw new InvalidOptionException("option " + S3_CONFIG + " '" + s3Config
                    + "' is not an S3 URI like s3://my-bucket/config");
        }
        String parentToken = lower.getOrDefault(PARENT_TOKEN, "");
        if (!parentToken.isEmpty() && !io.invitations.invitation.Tokens.looksLikeToken(parentToken)) {
            throw new InvalidOptionException("option " + PARENT_TOKEN
                    + " is not an invitation token (inv- followed by 43 characters)");
        }
        return new BatchOptions(flag(lower, HAS_HEADER, true), flag(lower, INCLUDE_ENCODED, false),
                parentToken, s3Config);
    }

    /** The options as S3 user metadata, leaving out defaults. */
    public Map<String, String> toMetadata() {
        Map<String, String> metadata = new java.util.TreeMap<>();
        if (!hasHeader) {
            metadata.put(HAS_HEADER, "false");
        }
        if (includeEncoded) {
            metadata.put(INCLUDE_ENCODED, "true");
        }
        if (!parentToken.isEmpty()) {
            metadata.put(PARENT_TOKEN, parentToken);
        }
        if (!s3Config.isEmpty()) {
            metadata.put(S3_CONFIG, s3Config);
        }
        return metadata;
    }

    private static boolean flag(Map<String, String> metadata, String name, boolean fallback) {
        String value = metadata.getOrDefault(name, "").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "" -> fallback;
            case "true", "yes", "1", "y", "t" -> true;
            case "false", "no", "0", "n", "f" -> false;
            default -> throw new InvalidOptionException("option " + name + " '" + value
                    + "' is not true or false");
        };
    }
}
