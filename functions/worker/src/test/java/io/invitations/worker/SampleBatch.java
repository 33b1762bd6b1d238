package io.invitations.worker;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.SourceObject;
import io.invitations.csv.ColumnLayout;
import io.invitations.csv.ColumnSet;
import io.invitations.invitation.Tokens;
import io.invitations.memory.InMemoryPipeline;
import java.util.List;

/** The batch the sample chunk events under events/ belong to (students.csv), registered as the splitter would. */
final class SampleBatch {
    static final String ID = "b-8d2d88098263b666e040c2255a28887f";

    private SampleBatch() {
    }

    static void register(InMemoryPipeline pipeline) {
        SourceObject source = new SourceObject("invitations-local", "incoming/create/students.csv", "", "", "1", 171);
        ColumnLayout layout = ColumnLayout.fromHeader(ColumnSet.CREATE,
                List.of("Name", "Type", "ValidDays", "CanInvite", "Transferable", "DeviceBound", "MaxDevices"));
        BatchContext context = new BatchContext(ID, BatchKind.CREATE, pipeline.clock.instant(),
                new Tokens().newBatchKey(), layout, BatchOptions.defaults(BatchKind.CREATE), null);
        pipeline.batches.register(BatchRecord.started(BatchKind.CREATE, source, 3, context));
        pipeline.batches.markEnqueued(ID);
    }
}
