package io.invitations.invitation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The three access levels, ordered from least to most privileged. */
public enum InvitationType {
    READ_ONLY("read_only", List.of("readonly", "ro")),
    READ_WRITE("read_write", List.of("readwrite", "rw")),
    ADMIN("admin", List.of("administrator"));

    private final String wireName;
    private final List<String> aliases;

    InvitationType(String wireName, List<String> aliases) {
        this.wireName = wireName;
        this.aliases = aliases;
    }

    /** The name used in CSV files and encoded invitations. */
    public String wireName() {
        return wireName;
    }

    /** Parses a type name or alias, case-insensitively and ignoring surrounding spaces. */
    public static Optional<InvitationType> parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (InvitationType type : values()) {
            if (type.wireName.equals(wanted) || type.aliases.contains(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** True when this type grants more than {@code other}. */
    public boolean exceeds(InvitationType other) {
        return ordinal() > other.ordinal();
    }
}
