package io.invitations.batch;

import java.util.Map;

/** A revoke batch's options: {@code has-header} (default true). */
public record RevokeOptions(boolean hasHeader) implements BatchOptions {

    static RevokeOptions read(Metadata metadata) {
        return new RevokeOptions(metadata.flag(HAS_HEADER, true));
    }

    @Override
    public boolean includeEncoded() {
        return false;
    }

    @Override
    public Map<String, String> toMetadata() {
        return Metadata.of(Map.of(HAS_HEADER, hasHeader), Map.of());
    }
}
