package io.invitations.batch;

import io.invitations.invitation.Tokens;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A create batch's options: {@code has-header} (default true), {@code include-encoded} (default false, as in
 * the seed), {@code parent-token} (issue every invitation under that invitation) and {@code s3-config} (stored in
 * every invitation); an empty text is absent.
 */
public record CreateOptions(boolean hasHeader, boolean includeEncoded, String parentToken, String s3Config)
        implements BatchOptions {
    private static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/\\S*)?");

    public CreateOptions {
        parentToken = parentToken == null ? "" : parentToken.strip();
        s3Config = s3Config == null ? "" : s3Config.strip();
    }

    static CreateOptions read(Metadata metadata) {
        String s3Config = metadata.text(S3_CONFIG);
        if (!s3Config.isEmpty() && !S3_URI.matcher(s3Config).matches()) {
            throw new InvalidOptionException("option " + S3_CONFIG + " '" + s3Config
                    + "' is not an S3 URI like s3://my-bucket/config");
        }
        String parentToken = metadata.text(PARENT_TOKEN);
        if (!parentToken.isEmpty() && !Tokens.looksLikeToken(parentToken)) {
            throw new InvalidOptionException("option " + PARENT_TOKEN
                    + " is not an invitation token (inv- followed by 43 characters)");
        }
        return new CreateOptions(metadata.flag(HAS_HEADER, true), metadata.flag(INCLUDE_ENCODED, false), parentToken,
                s3Config);
    }

    public boolean hasParent() {
        return !parentToken.isEmpty();
    }

    @Override
    public Map<String, String> toMetadata() {
        return Metadata.of(Map.of(HAS_HEADER, hasHeader, INCLUDE_ENCODED, includeEncoded),
                Map.of(PARENT_TOKEN, parentToken, S3_CONFIG, s3Config));
    }
}
