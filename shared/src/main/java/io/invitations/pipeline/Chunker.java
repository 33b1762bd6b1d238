package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.ChunkMessage;
import io.invitations.batch.SourceObject;
import io.invitations.csv.CsvRecord;
import io.invitations.csv.InvitationCsvReader;
import io.invitations.pipeline.BatchSplitter.ChunkLimits;
import io.invitations.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Cuts the rows of a batch's upload into chunks, always the same way for the same upload and limits: the
 * splitter queues them, and the sweeper rebuilds the ones that were never counted.
 */
public final class Chunker {
    private final ObjectStore objects;
    private final ChunkLimits limits;

    public Chunker(ObjectStore objects, ChunkLimits limits) {
        this.objects = objects;
        this.limits = limits;
    }

    /** Streams the chunks of the upload in order; returns how many rows they hold. */
    public long forEachChunk(SourceObject source, BatchContext context, Consumer<ChunkMessage> visitor) {
        long rows = 0;
        List<CsvRecord> chunkRows = new ArrayList<>();
        int chunkBytes = 0;
        int chunkIndex = 0;
        int rowsPerChunk = limits.rowsPerChunk(context.kind());
        try (InputStream in = objects.open(source); InvitationCsvReader reader = new InvitationCsvReader(in)) {
            if (context.options().hasHeader()) {
                reader.next();
            }
            for (Optional<CsvRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
                CsvRecord row = next.get();
                chunkRows.add(row);
                chunkBytes += row.fields().stream().mapToInt(String::length).sum() + 16;
                rows++;
                if (chunkRows.size() == rowsPerChunk || chunkBytes >= limits.bytesPerChunk()) {
                    visitor.accept(new ChunkMessage(context.batchId(), chunkIndex++, chunkRows));
                    chunkRows = new ArrayList<>();
                    chunkBytes = 0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!chunkRows.isEmpty()) {
            visitor.accept(new ChunkMessage(context.batchId(), chunkIndex, chunkRows));
        }
        return rows;
    }
}
