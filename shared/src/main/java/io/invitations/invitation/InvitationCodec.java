package io.invitations.invitation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.invitations.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The encoded form handed to a recipient: base64url (no padding) of a JSON document with the seed's
 * field names. It is not a credential by itself: accepting compares every field with the stored invitation.
 */
public final class InvitationCodec {
    private InvitationCodec() {
    }

    public static String encode(Invitation invitation) {
        String json = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("token", invitation.token());
            g.writeStringField("name", invitation.name());
            g.writeStringField("type", invitation.type().wireName());
            g.writeStringField("created", invitation.created().toString());
            g.writeStringField("expires", invitation.expires().toString());
            g.writeStringField("s3_config_path", invitation.s3ConfigPath());
            g.writeBooleanField("can_invite", invitation.canInvite());
            g.writeBooleanField("transferable", invitation.transferable());
            g.writeBooleanField("device_bound", invitation.deviceBound());
            g.writeNumberField("max_devices", invitation.maxDevices());
            g.writeStringField("parent_token", invitation.parentToken());
            g.writeEndObject();
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes an encoded invitation, or throws {@link IllegalArgumentException} saying what is wrong. */
    public static Invitation decode(String encoded) {
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encoded invitation is not base64url text");
        }
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser parser = Json.parser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("encoded invitation is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (value) {
                    case VALUE_STRING -> fields.put(name, parser.getText());
                    case VALUE_TRUE, VALUE_FALSE -> fields.put(name, parser.getBooleanValue());
                    case VALUE_NUMBER_INT -> fields.put(name, parser.getLongValue());
                    case VALUE_NULL -> fields.put(name, null);
                    default -> throw new IllegalArgumentException("encoded invitation field " + name
                            + " has an unexpected value");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("encoded invitation is not valid JSON");
        }
        try {
            InvitationType type = InvitationType.parse(text(fields, "type"))
                    .orElseThrow(() -> new IllegalArgumentException("encoded invitation has an unknown type"));
            long maxDevices = (Long) required(fields, "max_devices");
            return new Invitation(text(fields, "token"), text(fields, "name"), type,
                    Instant.parse(text(fields, "created")), Instant.parse(text(fields, "expires")),
                    optionalText(fields, "s3_config_path"), (Boolean) required(fields, "can_invite"),
                    (Boolean) required(fields, "transferable"), (Boolean) required(fields, "device_bound"),
                    Math.toIntExact(maxDevices), optionalText(fields, "parent_token"));
        } catch (ClassCastException | java.time.format.DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("encoded invitation has a field of the wrong kind");
        }
    }

    private static Object required(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("encoded invitation lacks " + name);
        }
        return value;
    }

    private static String text(Map<String, Object> fields, String name) {
        return (String) required(fields, name);
    }

    private static String optionalText(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        return value == null ? "" : (String) value;
    }
}
