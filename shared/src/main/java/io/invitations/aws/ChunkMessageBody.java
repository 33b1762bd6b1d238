package io.invitations.aws;

import com.fasterxml.jackson.core.JsonToken;
import io.invitations.batch.ChunkMessage;
import io.invitations.csv.CsvRecord;
import io.invitations.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk message's body on the work queue, the one place its format is written down: JSON with the batch id,
 * the chunk index and the rows (line number and fields), never the batch's context or its token key.
 */
public final class ChunkMessageBody {
    private ChunkMessageBody() {
    }

    public static String encode(ChunkMessage chunk) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("batchId", chunk.batchId());
            g.writeNumberField("chunk", chunk.chunkIndex());
            g.writeArrayFieldStart("rows");
            for (CsvRecord row : chunk.rows()) {
                g.writeStartArray();
                g.writeNumber(row.line());
                for (String field : row.fields()) {
                    g.writeString(field);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public static ChunkMessage decode(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), "chunk message", p -> {
            Json.expect(p, JsonToken.START_OBJECT);
            int chunk = -1;
            String batchId = null;
            List<CsvRecord> rows = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "chunk" -> chunk = p.getIntValue();
                    case "batchId" -> batchId = p.getText();
                    case "rows" -> {
                        while (p.nextToken() == JsonToken.START_ARRAY) {
                            p.nextToken();
                            long line = p.getLongValue();
                            List<String> fields = new ArrayList<>();
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                fields.add(p.getText());
                            }
                            rows.add(new CsvRecord(line, fields));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (batchId == null || chunk < 0) {
                throw new IOException("chunk message lacks its batch id or index");
            }
            return new ChunkMessage(batchId, chunk, rows);
        });
    }
}
