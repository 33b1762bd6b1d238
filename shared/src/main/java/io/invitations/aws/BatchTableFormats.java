package io.invitations.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.RowResult;
import io.invitations.csv.Column;
import io.invitations.csv.ColumnLayout;
import io.invitations.csv.ColumnSet;
import io.invitations.invitation.InvitationCodec;
import io.invitations.invitation.InvitationRequest;
import io.invitations.invitation.InvitationType;
import io.invitations.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The two encoded attributes of the batches table, the one place their formats are written down: a batch's
 * context (JSON, on the batch's item only: it holds the token key) and a chunk's row results (gzip-compressed
 * JSON, one item per chunk, to keep write units near the floor).
 */
final class BatchTableFormats {
    private BatchTableFormats() {
    }

    static String encodeContext(BatchContext context) {
        return Json.write(g -> writeContext(g, context));
    }

    static BatchContext decodeContext(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), "batch data", BatchTableFormats::readContext);
    }

    /**
     * Each row: an array opening with its tag (C created, E existing, F create failed, A accept, R revoke) and line.
     * A created row's External Id follows its MaxDevices only when it has one, so rows recorded before there were
     * External Ids read the same. A cancelled row is its kind's row opened by X.
     */
    static byte[] encodeRows(List<RowResult> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes); JsonGenerator g = Json.generator(gzip)) {
            g.writeStartArray();
            for (RowResult each : rows) {
                g.writeStartArray();
                if (each instanceof RowResult.Cancelled) {
                    g.writeString("X");
                }
                RowResult row = each.plain();
                if (row instanceof RowResult.Created created) {
                    g.writeString("C");
                    g.writeNumber(row.line());
                    InvitationRequest r = created.request();
                    g.writeString(r.name());
                    g.writeString(r.type().wireName());
                    g.writeNumber(r.validDays());
                    g.writeBoolean(r.canInvite());
                    g.writeBoolean(r.transferable());
                    g.writeBoolean(r.deviceBound());
                    g.writeNumber(r.maxDevices());
                    if (r.hasExternalId()) {
                        g.writeString(r.externalId());
                    }
                } else if (row instanceof RowResult.Existing existing) {
                    writeTexts(g, "E", row.line(), InvitationCodec.encode(existing.invitation()),
                            existing.externalId());
                } else if (row instanceof RowResult.CreateFailed failed) {
                    writeTexts(g, "F", row.line(), failed.error());
                    for (String value : failed.values()) {
                        g.writeString(value);
                    }
                } else if (row instanceof RowResult.Accept accept) {
                    writeTexts(g, "A", row.line(), accept.error(), accept.name(), accept.profile(), accept.type(),
                            accept.deviceId());
                } else if (row instanceof RowResult.Revoke revoke) {
                    writeTexts(g, "R", row.line(), revoke.error(), revoke.token(), revoke.name(),
                            revoke.devicesRemoved());
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeTexts(JsonGenerator g, String tag, long line, String... texts) throws IOException {
        g.writeString(tag);
        g.writeNumber(line);
        for (String text : texts) {
            g.writeString(text);
        }
    }

    static List<RowResult> decodeRows(byte[] gzipped) {
        byte[] json;
        try (GZIPInputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            json = gzip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Json.read(json, "batch data", p -> {
            Json.expect(p, JsonToken.START_ARRAY);
            List<RowResult> rows = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_ARRAY) {
                String tag = nextText(p);
                boolean cancelled = tag.equals("X");
                if (cancelled) {
                    tag = nextText(p);
                }
                p.nextToken();
                long line = p.getLongValue();
                if (tag.equals("C")) {
                    String name = nextText(p);
                    InvitationType type = InvitationType.parse(nextText(p)).orElseThrow();
                    p.nextToken();
                    int validDays = p.getIntValue();
                    boolean canInvite = nextBoolean(p);
                    boolean transferable = nextBoolean(p);
                    boolean deviceBound = nextBoolean(p);
                    p.nextToken();
                    int maxDevices = p.getIntValue();
                    String externalId = p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : "";
                    if (!externalId.isEmpty()) {
                        p.nextToken();
                    }
                    rows.add(new RowResult.Created(line, new InvitationRequest(name, type, validDays, canInvite,
                            transferable, deviceBound, maxDevices, externalId)));
                    continue; // a created row is never cancelled
                }
                List<String> texts = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    texts.add(p.getText());
                }
                RowResult row = switch (tag) {
                    case "E" -> new RowResult.Existing(line, InvitationCodec.decode(texts.get(0)), texts.get(1));
                    case "F" -> new RowResult.CreateFailed(line, texts.subList(1, texts.size()), texts.get(0));
                    case "A" -> new RowResult.Accept(line, texts.get(1), texts.get(2), texts.get(3), texts.get(4),
                            texts.get(0));
                    case "R" -> new RowResult.Revoke(line, texts.get(1), texts.get(2), texts.get(3), texts.get(0));
                    default -> throw new IOException("unknown row tag " + tag);
                };
                rows.add(cancelled ? new RowResult.Cancelled(row) : row);
            }
            return rows;
        });
    }

    private static void writeContext(JsonGenerator g, BatchContext context) throws IOException {
        g.writeStartObject();
        g.writeStringField("batchId", context.batchId());
        g.writeStringField("kind", context.kind().name());
        g.writeStringField("createdAt", context.createdAt().toString());
        g.writeStringField("tokenKey", context.tokenKey());
        // The options as the upload's metadata gave them: read back by the kind's own options record.
        g.writeObjectFieldStart("options");
        for (Map.Entry<String, String> option : context.options().toMetadata().entrySet()) {
            g.writeStringField(option.getKey(), option.getValue());
        }
        g.writeEndObject();
        if (context.parent() != null) {
            g.writeStringField("parent", InvitationCodec.encode(context.parent()));
        }
        if (context.readsInput()) {
            writeLayout(g, context.layout());
        }
        g.writeEndObject();
    }

    private static void writeLayout(JsonGenerator g, ColumnLayout layout) throws IOException {
        g.writeObjectFieldStart("layout");
        g.writeStringField("set", layout.set().name());
        g.writeNumberField("fieldCount", layout.fieldCount());
        g.writeBooleanField("fromHeader", layout.fromHeader());
        // In the columns' order: the same layout is always the same text.
        for (Map.Entry<Column, Integer> position : new EnumMap<>(layout.positions()).entrySet()) {
            g.writeNumberField(position.getKey().name(), position.getValue());
        }
        g.writeEndObject();
    }

    private static BatchContext readContext(JsonParser p) throws IOException {
        if (p.currentToken() == null) {
            p.nextToken();
        }
        String batchId = null;
        BatchKind kind = BatchKind.CREATE;
        Map<String, String> options = new HashMap<>();
        boolean hasLayout = false;
        String tokenKey = null;
        String parent = null;
        Instant createdAt = null;
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        int fieldCount = 0;
        ColumnSet set = ColumnSet.CREATE;
        boolean fromHeader = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "batchId" -> batchId = p.getText();
                case "kind" -> kind = BatchKind.valueOf(p.getText());
                case "createdAt" -> createdAt = Instant.parse(p.getText());
                case "tokenKey" -> tokenKey = p.getText();
                case "options" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        options.put(name, nextText(p));
                    }
                }
                case "parent" -> parent = p.getText();
                case "layout" -> {
                    hasLayout = true;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        if (name.equals("set")) {
                            set = ColumnSet.valueOf(p.getText());
                        } else if (name.equals("fieldCount")) {
                            fieldCount = p.getIntValue();
                        } else if (name.equals("fromHeader")) {
                            fromHeader = p.getBooleanValue();
                        } else {
                            positions.put(Column.valueOf(name), p.getIntValue());
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new BatchContext(batchId, kind, createdAt, tokenKey,
                hasLayout ? new ColumnLayout(set, positions, fieldCount, fromHeader) : null,
                BatchOptions.fromMetadata(kind, options), parent == null ? null : InvitationCodec.decode(parent));
    }

    private static String nextText(JsonParser p) throws IOException {
        p.nextToken();
        return p.getText();
    }

    private static boolean nextBoolean(JsonParser p) throws IOException {
        p.nextToken();
        return p.getBooleanValue();
    }
}
