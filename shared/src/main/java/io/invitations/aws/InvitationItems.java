package io.invitations.aws;

import static io.invitations.aws.Attributes.bool;
import static io.invitations.aws.Attributes.n;
import static io.invitations.aws.Attributes.s;

import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationType;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An invitation's fields as DynamoDB attributes, the one place their names are written down: the invitations
 * table's items hold them, and so does every profile item (the invitation a device accepted).
 */
final class InvitationItems {
    static final String TOKEN = "token";

    private InvitationItems() {
    }

    /** The invitation's attributes, its token among them; empty texts are left out. */
    static Map<String, AttributeValue> attributes(Invitation invitation) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TOKEN, s(invitation.token()));
        item.put("name", s(invitation.name()));
        item.put("type", s(invitation.type().wireName()));
        item.put("created", s(invitation.created().toString()));
        item.put("expires", s(invitation.expires().toString()));
        item.put("canInvite", bool(invitation.canInvite()));
        item.put("transferable", bool(invitation.transferable()));
        item.put("deviceBound", bool(invitation.deviceBound()));
        item.put("maxDevices", n(invitation.maxDevices()));
        if (!invitation.s3ConfigPath().isEmpty()) {
            item.put("s3ConfigPath", s(invitation.s3ConfigPath()));
        }
        if (!invitation.parentToken().isEmpty()) {
            item.put("parentToken", s(invitation.parentToken()));
        }
        return item;
    }

    static Invitation invitation(Map<String, AttributeValue> item) {
        return new Invitation(item.get(TOKEN).s(), Attributes.string(item, "name"),
                InvitationType.parse(Attributes.string(item, "type")).orElseThrow(),
                Attributes.instant(item, "created"), Attributes.instant(item, "expires"),
                Attributes.string(item, "s3ConfigPath", ""), Attributes.flag(item, "canInvite"),
                Attributes.flag(item, "transferable"), Attributes.flag(item, "deviceBound"),
                (int) Attributes.number(item, "maxDevices"), Attributes.string(item, "parentToken", ""));
    }
}
