package io.invitations.pipeline;

import io.invitations.batch.AcceptOptions;
import io.invitations.batch.BatchContext;
import io.invitations.batch.RowResult;
import io.invitations.csv.Column;
import io.invitations.csv.CsvRecord;
import io.invitations.csv.SpreadsheetSafe;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationCodec;
import io.invitations.registry.Registration;
import io.invitations.store.DeviceRegistry;
import io.invitations.store.InvitationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accepts one encoded invitation for one device. The encoded data is only a pointer: every field must match
 * the invitation as issued (an edited copy is refused), and revocation, expiry, the device limit and the
 * transfer rule are checked against the store, not against the copy.
 */
public final class InvitationAcceptance {
    /** Columns of an accept results file (extra columns may only ever be appended). */
    public static final List<String> RESULTS_HEADER = List.of("Name", "Profile", "Type", "Device Id", "Status",
            "Error");

    private final InvitationStore invitations;
    private final DeviceRegistry registry;
    private final Clock clock;

    public InvitationAcceptance(InvitationStore invitations, DeviceRegistry registry, Clock clock) {
        this.invitations = invitations;
        this.registry = registry;
        this.clock = clock;
    }

    /** Accepts the row of an accept batch; a refusal is a failed row naming the reason. */
    public RowResult accept(BatchContext context, CsvRecord row) {
        String name = value(context, row, Column.NAME);
        String encoded = value(context, row, Column.ENCODED_DATA);
        String rowDevice = value(context, row, Column.DEVICE_ID);
        AcceptOptions options = (AcceptOptions) context.options();
        String deviceId = options.deviceFor(rowDevice);
        String profile = options.profileFor(name);
        String at = "line " + row.line() + ": ";
        if (name.isEmpty()) {
            return new RowResult.Accept(row.line(), name, "", "", deviceId, at + "Name is empty");
        }
        if (deviceId.isEmpty()) {
            return new RowResult.Accept(row.line(), name, profile, "", "",
                    at + "no device id: set the device-id option or a Device Id column");
        }
        if (!AcceptOptions.DEVICE_ID_SHAPE.matcher(deviceId).matches()) {
            return new RowResult.Accept(row.line(), name, profile, "", "",
                    at + "Device Id must be 1 to 128 letters, digits or . _ : @ -");
        }
        Outcome outcome = accept(encoded, deviceId, profile);
        return new RowResult.Accept(row.line(), name, profile, outcome.type(), deviceId,
                outcome.error().isEmpty() ? "" : at + outcome.error());
    }

    /**
     * What the row competes for with the other rows of its chunk: its profile name on its device, and the
     * invitation it presents (the device limit, the transfer rule). Rows naming none of the same cannot affect
     * one another.
     */
    public List<String> competesFor(BatchContext context, CsvRecord row) {
        AcceptOptions options = (AcceptOptions) context.options();
        String profile = "profile\n" + options.deviceFor(value(context, row, Column.DEVICE_ID)) + "\n"
                + options.profileFor(value(context, row, Column.NAME));
        try {
            return List.of(profile, "invitation\n" + InvitationCodec.decode(value(context, row, Column.ENCODED_DATA))
                    .token());
        } catch (IllegalArgumentException e) {
            return List.of(profile); // refused before any call
        }
    }

    /** The result of accepting: the invitation's type when known, and an error unless it succeeded. */
    public record Outcome(String type, String error) {
    }

    public Outcome accept(String encoded, String deviceId, String profile) {
        if (encoded.isEmpty()) {
            return new Outcome("", "Encoded Data is empty");
        }
        Invitation presented;
        try {
            presented = InvitationCodec.decode(encoded);
        } catch (IllegalArgumentException e) {
            return new Outcome("", "Encoded Data is not a valid invitation: " + e.getMessage());
        }
        Optional<InvitationStore.StoredInvitation> stored = invitations.find(presented.token());
        if (stored.isEmpty()) {
            return new Outcome("", "unknown invitation token");
        }
        Invitation issued = stored.get().invitation();
        String type = issued.type().wireName();
        Optional<String> altered = issued.differingField(presented);
        if (altered.isPresent()) {
            return new Outcome(type, "the encoded invitation was altered: its " + altered.get()
                    + " differs from the invitation as issued");
        }
        Instant now = clock.instant();
        if (stored.get().revoked()) {
            return new Outcome(type, Registration.REVOKED.reason());
        }
        if (issued.isExpiredAt(now)) {
            return new Outcome(type, "the invitation expired at " + issued.expires());
        }
        Registration registration = registry.register(issued, deviceId, profile, now);
        return new Outcome(type, registration.isSuccess() ? "" : registration.reason());
    }

    /** A column's value; accept files are usually our own results or export files, their cells made safe. */
    private static String value(BatchContext context, CsvRecord row, Column column) {
        String value = SpreadsheetSafe.text(context.layout().valueOf(column, row.fields()));
        return value == null ? "" : value.strip();
    }
}
