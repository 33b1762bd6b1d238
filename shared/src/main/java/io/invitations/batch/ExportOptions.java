package io.invitations.batch;

import java.util.Map;

/** An export's options: {@code include-encoded} (default true: an export is what accept files are made from). */
public record ExportOptions(boolean includeEncoded) implements BatchOptions {

    static ExportOptions read(Metadata metadata) {
        return new ExportOptions(metadata.flag(INCLUDE_ENCODED, true));
    }

    /** The trigger object has no rows to read. */
    @Override
    public boolean hasHeader() {
        return true;
    }

    @Override
    public Map<String, String> toMetadata() {
        return Metadata.of(Map.of(INCLUDE_ENCODED, includeEncoded), Map.of());
    }
}
