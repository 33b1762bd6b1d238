package io.invitations.batch;

import io.invitations.csv.YesNo;
import io.invitations.invitation.Tokens;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The options of a batch, read from the uploaded object's user metadata ({@code x-amz-meta-has-header} and
 * so on), with the seed's defaults: {@code include-encoded} is false for create and true for export.
 */
public record BatchOptions(boolean hasHeader, boolean includeEncoded, String parentToken, String s3Config,
                           String namePrefix, String deviceId) {
    public static final String HAS_HEADER = "has-header";
    public static final String INCLUDE_ENCODED = "include-encoded";
    public static final String PARENT_TOKEN = "parent-token";
    public static final String S3_CONFIG = "s3-config";
    public static final String NAME_PREFIX = "name-prefix";
    public static final String DEVICE_ID = "device-id";
    private static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/\\S*)?");
    /** Device ids are opaque, but kept printable and short enough for a key. */
    public static final Pattern DEVICE_ID_SHAPE = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final int MAX_PREFIX = 64;

    public BatchOptions {
        parentToken = parentToken == null ? "" : parentToken;
        s3Config = s3Config == null ? "" : s3Config;
        namePrefix = namePrefix == null ? "" : namePrefix;
        deviceId = deviceId == null ? "" : deviceId;
    }

    /** A create batch's options (the others do not apply to it). */
    public static BatchOptions forCreate(boolean hasHeader, boolean includeEncoded, String parentToken,
                                         String s3Config) {
        return new BatchOptions(hasHeader, includeEncoded, parentToken.strip(), s3Config.strip(), "", "");
    }

    /** An accept batch's options. */
    public static BatchOptions forAccept(boolean hasHeader, String namePrefix, String deviceId) {
        return new BatchOptions(hasHeader, false, "", "", namePrefix.strip(), deviceId.strip());
    }

    /** A revoke batch's options. */
    public static BatchOptions forRevoke(boolean hasHeader) {
        return new BatchOptions(hasHeader, false, "", "", "", "");
    }

    /** An export's options: its trigger object has no rows, so no header. */
    public static BatchOptions forExport(boolean includeEncoded) {
        return new BatchOptions(true, includeEncoded, "", "", "", "");
    }

    public static BatchOptions defaults(BatchKind kind) {
        return fromMetadata(kind, Map.of());
    }

    /** Reads the options; an invalid value throws {@link InvalidOptionException} naming the option. */
    public static BatchOptions fromMetadata(BatchKind kind, Map<String, String> metadata) {
        Map<String, String> lower = new HashMap<>();
        metadata.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT).replace('_', '-'), v == null ? "" : v.strip()));
        String s3Config = lower.getOrDefault(S3_CONFIG, "");
        if (!s3Config.isEmpty() && !S3_URI.matcher(s3Config).matches()) {
            throw new InvalidOptionException("option " + S3_CONFIG + " '" + s3Config
                    + "' is not an S3 URI like s3://my-bucket/config");
        }
        String parentToken = lower.getOrDefault(PARENT_TOKEN, "");
        if (!parentToken.isEmpty() && !Tokens.looksLikeToken(parentToken)) {
            throw new InvalidOptionException("option " + PARENT_TOKEN
                    + " is not an invitation token (inv- followed by 43 characters)");
        }
        String namePrefix = lower.getOrDefault(NAME_PREFIX, "");
        if (namePrefix.length() > MAX_PREFIX || namePrefix.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidOptionException("option " + NAME_PREFIX + " must be at most " + MAX_PREFIX
                    + " printable characters");
        }
        String deviceId = lower.getOrDefault(DEVICE_ID, "");
        if (!deviceId.isEmpty() && !DEVICE_ID_SHAPE.matcher(deviceId).matches()) {
            throw new InvalidOptionException("option " + DEVICE_ID + " '" + deviceId
                    + "' must be 1 to 128 letters, digits or . _ : @ -");
        }
        return new BatchOptions(flag(lower, HAS_HEADER, true), flag(lower, INCLUDE_ENCODED, kind.includesEncodedByDefault()),
                parentToken, s3Config, namePrefix, deviceId);
    }

    /** The options as S3 user metadata (every flag spelled out, empty values left out). */
    public Map<String, String> toMetadata() {
        Map<String, String> metadata = new TreeMap<>();
        metadata.put(HAS_HEADER, String.valueOf(hasHeader));
        metadata.put(INCLUDE_ENCODED, String.valueOf(includeEncoded));
        Map.of(PARENT_TOKEN, parentToken, S3_CONFIG, s3Config, NAME_PREFIX, namePrefix, DEVICE_ID, deviceId)
                .forEach((name, value) -> {
                    if (!value.isEmpty()) {
                        metadata.put(name, value);
                    }
                });
        return metadata;
    }

    private static boolean flag(Map<String, String> metadata, String name, boolean fallback) {
        String value = metadata.getOrDefault(name, "");
        if (value.isEmpty()) {
            return fallback;
        }
        return YesNo.parse(value).orElseThrow(() -> new InvalidOptionException("option " + name + " '"
                + value.toLowerCase(Locale.ROOT) + "' is not true or false"));
    }
}
