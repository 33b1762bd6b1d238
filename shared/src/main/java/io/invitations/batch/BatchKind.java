package io.invitations.batch;

import io.invitations.csv.ColumnSet;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a dropped file asks for, told by the prefix it is dropped under, and the facts of each kind that the model
 * needs (its input columns, its options, where its results go). What a kind does is its batch type's
 * ({@code io.invitations.pipeline.KindBehaviours}).
 */
public enum BatchKind {
    CREATE("create", ColumnSet.CREATE, CreateOptions::read),
    ACCEPT("accept", ColumnSet.ACCEPT, AcceptOptions::read),
    REVOKE("revoke", ColumnSet.REVOKE, RevokeOptions::read),
    /** Any object under incoming/export/ asks for an export of all active invitations; its rows are not read. */
    EXPORT("export", null, ExportOptions::read);

    public static final String INCOMING = "incoming/";
    public static final String RESULTS = "results/";

    private final String folder;
    private final ColumnSet columns;
    private final Function<BatchOptions.Metadata, BatchOptions> options;

    BatchKind(String folder, ColumnSet columns, Function<BatchOptions.Metadata, BatchOptions> options) {
        this.folder = folder;
        this.columns = columns;
        this.options = options;
    }

    /** This kind's options, read from (normalized) metadata. */
    BatchOptions readOptions(BatchOptions.Metadata metadata) {
        return options.apply(metadata);
    }

    /** Whether a batch of this kind reads the rows of its uploaded file (an export's upload is only a trigger). */
    public boolean readsInput() {
        return columns != null;
    }

    /**
     * Whether the results mirror the uploaded key ({@code incoming/create/a.csv} to
     * {@code results/create/a-results.csv}); a kind without input rows names them by time instead.
     */
    public boolean resultsMirrorSource() {
        return readsInput();
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
