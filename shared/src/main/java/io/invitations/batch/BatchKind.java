package io.invitations.batch;

import io.invitations.csv.ColumnSet;
import java.util.Optional;

/**
 * What a dropped file asks for, told by the prefix it is dropped under, and the facts of each kind that the model
 * needs (its input columns, its options' defaults, where its results go). What a kind does is its batch type's
 * ({@code io.invitations.pipeline.BatchTypes}).
 */
public enum BatchKind {
    CREATE("create", ColumnSet.CREATE, false, true),
    ACCEPT("accept", ColumnSet.ACCEPT, false, false),
    REVOKE("revoke", ColumnSet.REVOKE, false, false),
    /** Any object under incoming/export/ asks for an export of all active invitations; its rows are not read. */
    EXPORT("export", null, true, false);

    public static final String INCOMING = "incoming/";
    public static final String RESULTS = "results/";

    private final String folder;
    private final ColumnSet columns;
    private final boolean includesEncodedByDefault;
    private final boolean takesParentToken;

    BatchKind(String folder, ColumnSet columns, boolean includesEncodedByDefault, boolean takesParentToken) {
        this.folder = folder;
        this.columns = columns;
        this.includesEncodedByDefault = includesEncodedByDefault;
        this.takesParentToken = takesParentToken;
    }

    /** The include-encoded option's default: false for create (the seed's), true for export. */
    public boolean includesEncodedByDefault() {
        return includesEncodedByDefault;
    }

    /** Whether the parent-token option applies: the batch issues invitations under a parent. */
    public boolean takesParentToken() {
        return takesParentToken;
    }

    /**
     * Whether the results mirror the uploaded key ({@code incoming/create/a.csv} to
     * {@code results/create/a-results.csv}); a kind without input rows names them by time instead.
     */
    public boolean resultsMirrorSource() {
        return columns != null;
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
