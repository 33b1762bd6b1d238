package io.invitations.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one JSON factory of the project: streaming reads and writes with jackson-core only
 * (no data binding, no reflection), with tight limits because some JSON comes from users.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(2_000_000).maxNestingDepth(16).build())
            .build();

    private Json() {
    }

    /** Writes one JSON value with {@code body} and returns it as a string. */
    public static String write(JsonBody body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            body.writeTo(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    public static JsonParser parser(String text) throws IOException {
        return FACTORY.createParser(text);
    }

    public static JsonParser parser(byte[] bytes) throws IOException {
        return FACTORY.createParser(bytes);
    }

    /**
     * Reads one JSON document with {@code reading}; a malformed one throws IllegalArgumentException naming
     * {@code what} it should have been.
     */
    public static <T> T read(byte[] json, String what, Reading<T> reading) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return reading.read(parser);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed " + what + ": " + e.getMessage(), e);
        }
    }

    /** Moves to the next token, which must be {@code token}. */
    public static void expect(JsonParser parser, JsonToken token) throws IOException {
        if (parser.nextToken() != token) {
            throw new IOException("expected " + token + " at " + parser.currentLocation());
        }
    }

    /** How to read a document from a parser. */
    @FunctionalInterface
    public interface Reading<T> {
        T read(JsonParser parser) throws IOException;
    }

    /** What to write into a generator. */
    @FunctionalInterface
    public interface JsonBody {
        void writeTo(JsonGenerator generator) throws IOException;
    }
}
