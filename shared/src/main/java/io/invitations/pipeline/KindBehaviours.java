package io.invitations.pipeline;

import io.invitations.overlap.Overlap;
import io.invitations.batch.BatchKind;
import io.invitations.store.BatchStore;
import io.invitations.store.InvitationStore;

/** The behaviour of each kind of batch, built once over the stores: the one place a kind is mapped to it. */
public final class KindBehaviours {
    private final CreateBatch create;
    private final AcceptBatch accept;
    private final RevokeBatch revoke;
    private final ExportBatch export;

    public KindBehaviours(BatchStore batches, InvitationStore invitations, InvitationAcceptance acceptance,
                          Revocation revocation, Overlap overlap) {
        ChunkedResults results = new ChunkedResults(batches);
        this.create = new CreateBatch(invitations, results, overlap);
        this.accept = new AcceptBatch(acceptance, results, overlap);
        this.revoke = new RevokeBatch(revocation, results, overlap);
        this.export = new ExportBatch(invitations, batches);
    }

    public KindBehaviour of(BatchKind kind) {
        return switch (kind) {
            case CREATE -> create;
            case ACCEPT -> accept;
            case REVOKE -> revoke;
            case EXPORT -> export;
        };
    }
}
