package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.CreateOptions;
import io.invitations.batch.RowResult;
import io.invitations.csv.CsvRecord;
import io.invitations.csv.YesNo;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRequest;
import io.invitations.store.InvitationStore.StoredInvitation;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a create row whose External Id an active invitation holds already: that invitation (Existing, its
 * token) when the row asks for exactly its values; otherwise the row fails, naming each field that differs and how
 * to change an invitation, since nothing is ever updated silently.
 */
final class ExternalIds {
    private ExternalIds() {
    }

    static RowResult answer(BatchContext context, CsvRecord row, List<String> echo, InvitationRequest request,
                            StoredInvitation holder) {
        List<String> differences = differences(holder.invitation(), request,
                ((CreateOptions) context.options()).s3Config());
        if (differences.isEmpty()) {
            return new RowResult.Existing(row.line(), holder.invitation(), request.externalId());
        }
        return new RowResult.CreateFailed(row.line(), echo, "line " + row.line() + ": External Id '"
                + request.externalId() + "' already has an active invitation, and this row differs from it: "
                + String.join("; ", differences) + ". Nothing was changed: to change that invitation, revoke it"
                + " (its token is in the results that created it, and in an export), then create it again");
    }

    /** "Field is 'X' there, 'Y' here" for each field in which the row asks for something else than the holder. */
    static List<String> differences(Invitation holder, InvitationRequest request, String s3Config) {
        List<String> differences = new ArrayList<>();
        differ(differences, "Name", holder.name(), request.name());
        differ(differences, "Type", holder.type().wireName(), request.type().wireName());
        differ(differences, "ValidDays", String.valueOf(holder.validDays()), String.valueOf(request.validDays()));
        differ(differences, "CanInvite", YesNo.word(holder.canInvite()), YesNo.word(request.canInvite()));
        differ(differences, "Transferable", YesNo.word(holder.transferable()), YesNo.word(request.transferable()));
        differ(differences, "DeviceBound", YesNo.word(holder.deviceBound()), YesNo.word(request.deviceBound()));
        differ(differences, "MaxDevices", String.valueOf(holder.maxDevices()), String.valueOf(request.maxDevices()));
        differ(differences, "s3-config", holder.s3ConfigPath(), s3Config);
        return differences;
    }

    private static void differ(List<String> differences, String field, String there, String here) {
        if (!there.equals(here)) {
            differences.add(field + " is '" + there + "' there, '" + here + "' here");
        }
    }
}
