package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.RowResult;
import io.invitations.csv.CsvRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one kind of batch does, one behaviour per {@link io.invitations.batch.BatchKind}: how a chunk of its rows
 * is processed and how it is given up, and what its results file holds. The batch services ask the kind's
 * behaviour ({@link KindBehaviours#of}) and never test the kind themselves: adding a kind is adding a
 * {@code BatchKind} and one behaviour here.
 */
public sealed interface KindBehaviour permits CreateBatch, AcceptBatch, RevokeBatch, ExportBatch {

    /**
     * Processes the rows of one chunk: a bad row is a failed result naming its line, never an exception.
     * {@code firstAttempt}: no attempt at the chunk started before this one (the worker notes each start with one
     * conditional write), which a type whose writes a retry must not repeat blindly asks: a create chunk's first
     * attempt writes its invitations with plain batch puts; any later one only those that are missing, so that
     * nothing an export, an accept or a revocation saw or changed meanwhile is replaced.
     */
    List<RowResult> process(BatchContext context, List<CsvRecord> rows, boolean firstAttempt);

    /**
     * The results of a chunk that will not be processed (it reached the dead-letter queue, or the sweeper gives up
     * on it), after the undo its type needs: by default each row Failed with {@code reason}.
     */
    default List<RowResult> givenUp(BatchContext context, List<CsvRecord> rows, String reason) {
        undo(context, rows);
        return rows.stream().map(row -> unprocessed(context, row, "line " + row.line() + ": " + reason)).toList();
    }

    /** Undoes what attempts at a chunk may have written (a batch that ends FAILED keeps none of it). */
    void undo(BatchContext context, List<CsvRecord> rows);

    /** The result of a row that was never processed: its input, as far as it can be read, and {@code error}. */
    RowResult unprocessed(BatchContext context, CsvRecord row, String error);

    /** The header of the results file. */
    List<String> resultsHeader(BatchContext context);

    /** Every row of the results file, in input order, to {@code out}; returns how many. */
    long writeResults(BatchContext context, Consumer<List<String>> out);
}
