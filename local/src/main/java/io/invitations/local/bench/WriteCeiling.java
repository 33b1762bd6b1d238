package io.invitations.local.bench;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.csv.ColumnLayout;
import io.invitations.csv.ColumnSet;
import io.invitations.csv.CsvRecord;
import io.invitations.csv.InvitationRowParser;
import io.invitations.csv.ParsedRow;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.Tokens;
import io.invitations.store.InvitationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical limit of the pipeline on this machine: the same items a successful create row stores (its
 * invitation and its device allowance, built by the same code, under other tokens) written straight to the
 * same DynamoDB server with batch writes, by as many threads as the pipeline has workers.
 */
final class WriteCeiling {
    private WriteCeiling() {
    }

    /** Writes {@code rows} rows' items in chunks of {@code rowsPerChunk}; returns rows per second. */
    static double measure(InvitationStore store, long rows, int rowsPerChunk, int concurrency) throws Exception {
        BatchContext context = new BatchContext("ceiling", BatchKind.CREATE, Instant.now(), new Tokens().newBatchKey(),
                ColumnLayout.positional(ColumnSet.CREATE), BatchOptions.defaults(BatchKind.CREATE), null);
        InvitationRowParser parser = new InvitationRowParser(context.layout());
        AtomicLong nextChunk = new AtomicLong();
        long chunks = (rows + rowsPerChunk - 1) / rowsPerChunk;
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                writers.add(threads.submit(() -> {
                    for (long chunk = nextChunk.getAndIncrement(); chunk < chunks; chunk = nextChunk.getAndIncrement()) {
                        List<Invitation> invitations = new ArrayList<>(rowsPerChunk);
                        long first = chunk * rowsPerChunk + 1;
                        for (long line = first; line < first + rowsPerChunk && line <= rows; line++) {
                            ParsedRow.Valid valid = (ParsedRow.Valid) parser.parse(
                                    new CsvRecord(line, List.of(BenchInput.row(line).split(","))));
                            invitations.add(context.invitationFor(line, valid.request()));
                        }
                        store.createAll(invitations);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return rows / ((System.nanoTime() - started) / 1e9);
    }
}
