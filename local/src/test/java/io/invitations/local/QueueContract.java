package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.invitations.aws.ChunkMessageBody;
import io.invitations.batch.ChunkMessage;
import io.invitations.csv.CsvRecord;
import io.invitations.store.ChunkQueue;
import io.invitations.store.CompletionQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the two queues promise: every chunk sent arrives, whole, however many and however large (SQS takes at most
 * 10 messages and 256 KB a batch request); a completion notice repeated with its de-duplication id starts one
 * aggregation. The same cases against the in-memory queues and against SQS on the embedded ElasticMQ, each on
 * queues of its own.
 */
abstract class QueueContract {

    abstract ChunkQueue chunks();

    /** Every body on the chunk queue now, received and deleted. */
    abstract List<String> drainChunks();

    abstract CompletionQueue completions();

    /** Every body on the completion queue now, received and deleted. */
    abstract List<String> drainCompletions();

    @Test
    void everyChunkSentArrivesWhole() {
        List<ChunkMessage> sent = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            sent.add(new ChunkMessage("b-" + "c".repeat(32), i, List.of(new CsvRecord(i + 2,
                    List.of("Zoë \"Z\", Ødegård", "admin", "")))));
        }
        // Three chunks of about 100 KB: more than one batch request may carry.
        String large = "x".repeat(1000);
        for (int i = 23; i < 26; i++) {
            List<CsvRecord> rows = new ArrayList<>();
            for (int row = 0; row < 100; row++) {
                rows.add(new CsvRecord(row + 2, List.of(large, "read_only")));
            }
            sent.add(new ChunkMessage("b-" + "c".repeat(32), i, rows));
        }
        chunks().sendAll(sent);
        Set<ChunkMessage> received = new HashSet<>();
        for (String body : drainChunks()) {
            received.add(ChunkMessageBody.decode(body));
        }
        assertEquals(Set.copyOf(sent), received);
    }

    @Test
    void aRepeatedCompletionNoticeStartsOneAggregation() {
        String first = "b-" + "d".repeat(32);
        String second = "b-" + "e".repeat(32);
        completions().batchCompleted(first, first + "-complete");
        completions().batchCompleted(first, first + "-complete");
        completions().batchCompleted(second, second + "-complete");
        List<String> bodies = drainCompletions();
        assertEquals(2, bodies.size(), bodies.toString());
        assertEquals(Set.of(first, second), Set.copyOf(bodies.stream().map(String::strip).toList()));
    }
}
