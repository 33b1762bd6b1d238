package io.invitations.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.batch.BatchStatus;
import io.invitations.batch.SourceObject;
import io.invitations.memory.InMemoryPipeline;
import io.invitations.observe.BatchFinished;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A file uploaded again (the same kind, bytes and options within the repeat window) is a repeat: it creates nothing,
 * and its results are the first batch's rows and tokens, under its own name; new-batch=true runs it anew.
 */
class RepeatedFilesTest {
    private static final String ROSTER = Csv.createRows("S", 23);
    private final InMemoryPipeline pipeline = new InMemoryPipeline(10, 7);

    private int invitationCount() {
        AtomicInteger count = new AtomicInteger();
        pipeline.invitations.forEach(i -> count.incrementAndGet());
        return count.get();
    }

    @Test
    void theSameFileAgainCreatesNothingAndAnswersWithTheFirstResults() {
        InMemoryPipeline.Finished first = pipeline.run("incoming/create/roster.csv", ROSTER,
                Map.of("include-encoded", "true"));
        assertEquals(23, invitationCount());
        InMemoryPipeline.Finished again = pipeline.run("incoming/create/roster-retry.csv", ROSTER,
                Map.of("include-encoded", "true"));
        assertEquals(23, invitationCount(), "nothing created");
        assertEquals(first.results(), again.results(), "the same rows and tokens, in input order");
        assertEquals(first.summary().batchId(), again.summary().repeats());
        assertNull(first.summary().repeats());
        assertEquals(BatchStatus.COMPLETED, again.summary().status());
        assertEquals(23, again.summary().succeeded());
        assertEquals("results/create/roster-retry-results.csv", again.summary().results());
        BatchFinished event = pipeline.observed.finished.get(pipeline.observed.finished.size() - 1);
        assertEquals(first.summary().batchId(), event.summary().repeats(), "the completion event names it too");
    }

    @Test
    void aRepeatArrivingWhileTheFirstRunsWaitsForItAndAnswersTheSame() {
        SourceObject first = pipeline.upload("incoming/create/roster.csv", ROSTER, Map.of());
        pipeline.split(first);
        pipeline.runWorker(); // part of the first batch counted
        SourceObject repeat = pipeline.upload("incoming/create/roster.csv", ROSTER, Map.of());
        assertEquals(BatchSplitter.Outcome.REPEAT, pipeline.split(repeat));
        assertFalse(pipeline.finished(repeat).isPresent(), "it waits for the first batch");
        pipeline.settle();
        InMemoryPipeline.Finished original = pipeline.finished(first).orElseThrow();
        InMemoryPipeline.Finished repeated = pipeline.finished(repeat).orElseThrow();
        assertEquals(first.batchId(), repeated.summary().repeats());
        assertEquals(original.summary().succeeded(), repeated.summary().succeeded());
        assertEquals(23, invitationCount());
    }

    @Test
    void newBatchRunsItAnewAndOtherOptionsOrBytesAreAnotherFile() {
        InMemoryPipeline.Finished first = pipeline.run("incoming/create/roster.csv", ROSTER);
        InMemoryPipeline.Finished forced = pipeline.run("incoming/create/roster.csv", ROSTER,
                Map.of("New-Batch", "TRUE"));
        assertNull(forced.summary().repeats());
        assertNotEquals(tokens(first), tokens(forced));
        assertEquals(46, invitationCount());
        InMemoryPipeline.Finished encoded = pipeline.run("incoming/create/roster.csv", ROSTER,
                Map.of("include-encoded", "true"));
        assertNull(encoded.summary().repeats(), "another option: another file");
        InMemoryPipeline.Finished oneMore = pipeline.run("incoming/create/roster.csv", ROSTER + "S 24,read_only\n");
        assertNull(oneMore.summary().repeats(), "other bytes: another file");
        // Options given as the defaults they are make the same file.
        InMemoryPipeline.Finished spelledOut = pipeline.run("incoming/create/roster.csv", ROSTER,
                Map.of("include-encoded", "false", "has-header", "true"));
        assertEquals(first.summary().batchId(), spelledOut.summary().repeats());
    }

    @Test
    void afterTheWindowTheSameFileIsANewBatch() {
        pipeline.run("incoming/create/roster.csv", ROSTER);
        pipeline.clock.advance(InMemoryPipeline.REPEAT_WINDOW.plusMinutes(1));
        InMemoryPipeline.Finished later = pipeline.run("incoming/create/roster.csv", ROSTER);
        assertNull(later.summary().repeats());
        assertEquals(46, invitationCount());
    }

    @Test
    void aRepeatedAcceptBindsNoDeviceTwiceAndReportsTheSame() {
        InMemoryPipeline.Finished created = pipeline.run("incoming/create/team.csv", Csv.CREATE_HEADER
                + "Ann,read_write,30,no,no,yes,3\n", Map.of("include-encoded", "true"));
        String accept = "Name,Encoded Data\n" + Csv.rows(created.results().orElseThrow()).stream()
                .map(r -> r[0] + "," + r[9]).collect(Collectors.joining("\n")) + "\n";
        InMemoryPipeline.Finished first = pipeline.run("incoming/accept/laptop.csv", accept, Map.of("device-id", "l1"));
        InMemoryPipeline.Finished again = pipeline.run("incoming/accept/laptop-2.csv", accept, Map.of("device-id", "l1"));
        assertEquals(first.summary().batchId(), again.summary().repeats());
        assertEquals(first.results(), again.results());
        String token = Csv.rows(created.results().orElseThrow()).get(0)[2];
        assertEquals(1, pipeline.invitations.devicesOf(token).size());
    }

    /** A repeat counts no rows: its zero counts never make it complete before its original, duplicate events or not. */
    @Test
    void aRepeatOfAnEmptyFileWaitsForItsOriginalThroughDuplicateEvents() {
        SourceObject first = pipeline.upload("incoming/create/empty.csv", Csv.CREATE_HEADER, Map.of());
        SourceObject repeat = pipeline.upload("incoming/create/empty-again.csv", Csv.CREATE_HEADER, Map.of());
        pipeline.split(first);
        assertEquals(BatchSplitter.Outcome.REPEAT, pipeline.split(repeat));
        assertEquals(BatchSplitter.Outcome.DUPLICATE, pipeline.split(repeat), "S3 notified it twice");
        assertEquals(BatchStatus.RUNNING, pipeline.batches.find(repeat.batchId()).orElseThrow().status(),
                "still waiting: not aggregated without its original's context");
        pipeline.settle();
        InMemoryPipeline.Finished repeated = pipeline.finished(repeat).orElseThrow();
        assertEquals(first.batchId(), repeated.summary().repeats());
        assertEquals(BatchStatus.COMPLETED, repeated.summary().status());
        assertEquals(pipeline.finished(first).orElseThrow().results(), repeated.results());
    }

    @Test
    void anExportAlwaysRunsAnew() {
        pipeline.run("incoming/create/roster.csv", ROSTER);
        InMemoryPipeline.Finished first = pipeline.run("incoming/export/a", "");
        InMemoryPipeline.Finished second = pipeline.run("incoming/export/a", "");
        assertNull(second.summary().repeats());
        assertNotEquals(first.summary().batchId(), second.summary().batchId());
    }

    @Test
    void aRepeatOfABatchThatFailedAsAWholeFailsSayingHowToRunItAnew() {
        SourceObject first = pipeline.upload("incoming/create/roster.csv", ROSTER, Map.of());
        pipeline.split(first);
        // Its chunks lost and its upload gone, as the sweeper finds it: the batch fails as a whole.
        pipeline.chunks.queue().receive(10).forEach(pipeline.chunks.queue()::delete);
        pipeline.batches.fail(first.batchId(), "its upload was replaced");
        pipeline.completion.check(first.batchId());
        SourceObject repeat = pipeline.upload("incoming/create/roster-2.csv", ROSTER, Map.of());
        pipeline.split(repeat);
        pipeline.settle();
        InMemoryPipeline.Finished repeated = pipeline.finished(repeat).orElseThrow();
        assertEquals(BatchStatus.FAILED, repeated.summary().status());
        assertTrue(repeated.summary().error().contains("new-batch=true"), repeated.summary().error());
        assertTrue(repeated.results().isEmpty());
    }

    private static List<String> tokens(InMemoryPipeline.Finished finished) {
        return Csv.rows(finished.results().orElseThrow()).stream().map(r -> r[2]).toList();
    }
}
