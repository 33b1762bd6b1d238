package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.RowResult;
import io.invitations.csv.Column;
import io.invitations.csv.CsvRecord;
import io.invitations.invitation.Tokens;
import io.invitations.store.DeviceRegistry;
import io.invitations.store.InvitationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Revokes invitations: later accepts fail, exports leave them out, their devices are de-registered. */
public final class Revocation {
    public static final List<String> RESULTS_HEADER = List.of("Token", "Name", "Devices Removed", "Status", "Error");

    private final InvitationStore invitations;
    private final DeviceRegistry registry;
    private final Clock clock;

    public Revocation(InvitationStore invitations, DeviceRegistry registry, Clock clock) {
        this.invitations = invitations;
        this.registry = registry;
        this.clock = clock;
    }

    /** What the row competes for with the other rows of its chunk: the invitation it names. */
    public List<String> competesFor(BatchContext context, CsvRecord row) {
        return List.of(token(context, row));
    }

    public RowResult revoke(BatchContext context, CsvRecord row) {
        String token = token(context, row);
        String at = "line " + row.line() + ": ";
        if (!Tokens.looksLikeToken(token)) {
            return new RowResult.Revoke(row.line(), token, "", "", at + (token.isEmpty() ? "Token is empty"
                    : "Token is not an invitation token (inv- followed by 43 characters)"));
        }
        var stored = invitations.find(token);
        if (stored.isEmpty()) {
            return new RowResult.Revoke(row.line(), token, "", "", at + "unknown invitation token");
        }
        Instant now = clock.instant();
        // The registry is closed first, so no device can slip in between the two steps.
        int removed = registry.deregisterAll(token, now);
        invitations.markRevoked(token, now);
        return new RowResult.Revoke(row.line(), token, stored.get().invitation().name(), String.valueOf(removed), "");
    }

    private static String token(BatchContext context, CsvRecord row) {
        String value = context.layout().valueOf(Column.TOKEN, row.fields());
        return value == null ? "" : value.strip();
    }
}
