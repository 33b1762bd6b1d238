package io.invitations.batch;

import io.invitations.csv.ColumnSet;
import java.util.Optional;

/** What a dropped file asks for, told by the prefix it is dropped under. */
public enum BatchKind {
    CREATE("create", ColumnSet.CREATE),
    ACCEPT("accept", ColumnSet.ACCEPT),
    REVOKE("revoke", ColumnSet.REVOKE),
    /** Any object under incoming/export/ asks for an export of all active invitations; its rows are not read. */
    EXPORT("export", null);

    public static final String INCOMING = "incoming/";
    public static final String RESULTS = "results/";

    private final String folder;
    private final ColumnSet columns;

    BatchKind(String folder, ColumnSet columns) {
        this.folder = folder;
        this.columns = columns;
    }

    /** The prefix that triggers this kind of batch, e.g. {@code incoming/create/}. */
    public String incomingPrefix() {
        return INCOMING + folder + "/";
    }

    public String resultsPrefix() {
        return RESULTS + folder + "/";
    }

    /** The columns of its input file; empty for an export, whose input is only a trigger. */
    public Optional<ColumnSet> columns() {
        return Optional.ofNullable(columns);
    }

    public static Optional<BatchKind> forKey(String key) {
        for (BatchKind kind : values()) {
            if (key.startsWith(kind.incomingPrefix()) && key.length() > kind.incomingPrefix().length()) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
