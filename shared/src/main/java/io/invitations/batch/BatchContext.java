package io.invitations.batch;

import io.invitations.csv.ColumnLayout;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything a worker and the aggregator need to know about a batch, fixed once by the splitter:
 * the creation time and token key make every row's invitation deterministic across retries.
 *
 * @param layout the columns of the input file; null exactly when the batch reads no input (an export: see
 *               {@link #readsInput})
 * @param parent the parent invitation of a create batch (checked usable by the splitter), or null
 */
public record BatchContext(String batchId, BatchKind kind, Instant createdAt, String tokenKey, ColumnLayout layout,
                           BatchOptions options, Invitation parent) {

    public BatchContext {
        if ((layout == null) == kind.readsInput()) {
            throw new IllegalArgumentException("a " + kind + " batch " + (kind.readsInput() ? "needs" : "has no")
                    + " input columns");
        }
    }

    /** Whether the batch reads an uploaded file (every kind but an export, which lists the table). */
    public boolean readsInput() {
        return kind.readsInput();
    }

    public Optional<Invitation> parentInvitation() {
        return Optional.ofNullable(parent);
    }

    /**
     * The invitation a valid row of a create batch issues: same input, same invitation, however often it is
     * processed.
     */
    public Invitation invitationFor(long line, InvitationRequest request) {
        if (!(options instanceof CreateOptions create)) {
            throw new IllegalStateException("a " + kind + " batch issues no invitations");
        }
        return Invitation.issue(io.invitations.invitation.Tokens.forRow(tokenKey, line), request, createdAt,
                create.s3Config(), parent == null ? "" : parent.token());
    }
}
