package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.invitations.local.TestBatches.Finished;
import io.invitations.local.runtime.LocalPipeline;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A catalogue of malformed and adversarial inputs, each with the outcome a person can act on: a batch error
 * (and nothing created), row errors naming line and field, or the event ignored. No crash, no hang: every
 * case must finish within its timeout.
 */
@ExtendWith(SharedPipeline.class)
class HostileInputCatalogueTest {
    private static final String HEADER = "Name,Type,ValidDays,CanInvite,Transferable,DeviceBound,MaxDevices\n";

    /** What must become of a file. */
    sealed interface Expect {
    }

    /** The batch fails as a whole, its error containing this text, and nothing is created. */
    record BatchFails(String error) implements Expect {
    }

    /** The batch completes: so many rows succeed, and row i (0-based) fails with an error containing text. */
    record Rows(int total, int succeeded, Map<Integer, String> errors) implements Expect {
    }

    /** The event starts no batch. */
    record Ignored() implements Expect {
    }

    record Case(String name, String key, byte[] content, Map<String, String> metadata, Expect expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Case create(String name, byte[] content, Expect expect) {
        return new Case(name, "incoming/create/hostile/" + name + ".csv", content, Map.of(), expect);
    }

    private static Case create(String name, String content, Expect expect) {
        return create(name, utf8(content), expect);
    }

    private static Rows rows(int total, int succeeded, Object... errors) {
        Map<Integer, String> map = new java.util.HashMap<>();
        for (int i = 0; i < errors.length; i += 2) {
            map.put((Integer) errors[i], (String) errors[i + 1]);
        }
        return new Rows(total, succeeded, map);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static Stream<Case> catalogue() {
        List<Case> cases = new ArrayList<>();
        // Encodings
        cases.add(create("latin1", (HEADER + "Jos\u00e9,admin\n").getBytes(StandardCharsets.ISO_8859_1),
                new BatchFails("not UTF-8 text (invalid bytes on line 2)")));
        cases.add(create("windows-1252-quotes", (HEADER + "\u201cAnn\u201d,admin\n").getBytes(Charset.forName("windows-1252")),
                new BatchFails("not UTF-8 text (invalid bytes on line 2)")));
        cases.add(create("utf16le-bom", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                (HEADER + "Ann,admin\n").getBytes(StandardCharsets.UTF_16LE)), new BatchFails("not UTF-8 text")));
        cases.add(create("utf16be", (HEADER + "Ann,admin\n").getBytes(StandardCharsets.UTF_16BE),
                new BatchFails("NUL byte on line 1")));
        cases.add(create("png-bytes", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13},
                new BatchFails("not UTF-8 text")));
        cases.add(create("nul-in-text", HEADER + "Ann\u0000,admin\n", new BatchFails("NUL byte on line 2")));
        cases.add(create("overlong-utf8", concat(utf8(HEADER + "Ann"), new byte[] {(byte) 0xC0, (byte) 0xAF},
                utf8(",admin\n")), new BatchFails("not UTF-8 text (invalid bytes on line 2)")));
        cases.add(create("truncated-utf8-at-end", concat(utf8(HEADER + "Ann,admin\nZo"), new byte[] {(byte) 0xC3}),
                new BatchFails("not UTF-8 text")));
        cases.add(create("bom-in-the-middle", HEADER + "Ann\uFEFF,admin\nBob,ro\n",
                rows(2, 1, 0, "line 2: Name contains the invisible character U+FEFF")));
        cases.add(create("bom-and-crlf", "\uFEFF" + HEADER.replace("\n", "\r\n") + "Ann,admin\r\nBob,ro\r\n", rows(2, 2)));
        // Structure
        cases.add(create("unclosed-quote", HEADER + "Ann,admin\n\"Bob,ro\nCarl,ro\n", new BatchFails("unclosed quote")));
        cases.add(create("ten-megabyte-field", HEADER + "\"" + "x".repeat(10 * 1024 * 1024) + "\",admin\n",
                new BatchFails("line 2 is 10240 KB long")));
        cases.add(create("million-columns", ",".repeat(1_000_000) + "\nAnn,admin\n", new BatchFails("line 1 is")));
        cases.add(create("only-delimiters", HEADER + ",,,,,,\n", rows(1, 0, 0, "line 2: Name is empty")));
        cases.add(create("semicolons", "Name;Type\nAnn;admin\n", new BatchFails("seems to use ';' between values")));
        cases.add(create("tabs", "Name\tType\nAnn\tadmin\n", new BatchFails("seems to use tabs between values")));
        cases.add(create("quote-inside-unquoted-field", HEADER + "Ann \"the boss\" Lee,admin\n", rows(1, 1)));
        cases.add(create("cr-only-line-ends", HEADER.replace("\n", "\r") + "Ann,admin\rBob,ro\r", rows(2, 2)));
        cases.add(create("header-only-and-blank-lines", HEADER + "\n\n\n", rows(0, 0)));
        cases.add(create("duplicate-columns", "Name,Type,name\nAnn,admin,x\n", new BatchFails("names column Name twice")));
        cases.add(create("unknown-columns", "Email,Name,Team,Type\na@b.c,Ann,Blue,admin\n", rows(1, 1)));
        cases.add(create("too-many-fields", HEADER + "Lee, Ann,admin\n", rows(1, 0, 0, "line 2: Type 'Ann' is not one of")));
        cases.add(create("eight-fields", HEADER + "Ann,admin,30,no,no,yes,1,surprise\n",
                rows(1, 0, 0, "the row has 8 fields, more than the 7 columns")));
        cases.add(create("spaced-header", " Name , TYPE \nAnn,admin\n", rows(1, 1)));
        cases.add(create("no-header-row", "Ann,admin,30\n", new BatchFails("line 1 looks like data")));
        // Values
        cases.add(create("formula-everywhere", HEADER + "=1+1,=cmd,=2,=TRUE(),+1,-1,@SUM(1)\n@Ann,ro\n",
                rows(2, 1, 0, "line 2: Type '=cmd' is not one of")));
        cases.add(create("control-characters", HEADER + "Ann\u0007Bell,admin\n", rows(1, 0, 0, "control character")));
        cases.add(create("right-to-left-override", HEADER + "Ann\u202Egnp.exe,admin\n",
                rows(1, 0, 0, "invisible character U+202E")));
        cases.add(create("emoji-names", HEADER + "👩‍💻 Zoë 日本,admin\n", rows(1, 1)));
        cases.add(create("cyrillic-confusable-type", HEADER + "Ann,\u0430dmin\n", rows(1, 0, 0, "Type '\u0430dmin' is not one of")));
        cases.add(create("fullwidth-digits", HEADER + "Ann,admin,\uFF13\uFF10\n", rows(1, 0, 0, "ValidDays '\uFF13\uFF10' is not a whole number")));
        cases.add(create("signed-number", HEADER + "Ann,admin,+30\n", rows(1, 0, 0, "ValidDays '+30' is not a whole number")));
        cases.add(create("negative-number", HEADER + "Ann,admin,30,no,no,yes,-1\n", rows(1, 0, 0, "MaxDevices '-1' is not a whole number")));
        cases.add(create("exponent", HEADER + "Ann,admin,1e3\n", rows(1, 0, 0, "ValidDays '1e3' is not a whole number")));
        cases.add(create("decimal", HEADER + "Ann,admin,30.0\n", rows(1, 0, 0, "ValidDays '30.0' is not a whole number")));
        cases.add(create("overflow", HEADER + "Ann,admin,99999999999999999999999\n", rows(1, 0, 0, "is out of range")));
        cases.add(create("spaces-around-numbers", HEADER + "Ann,admin, 30 ,,,, 2 \n", rows(1, 1)));
        cases.add(create("sentence-boolean", HEADER + "Ann,admin,30,yes please\n", rows(1, 0, 0, "CanInvite 'yes please' is not a yes/no value")));
        cases.add(create("name-too-long", HEADER + "n".repeat(257) + ",admin\n" + "n".repeat(256) + ",admin\n",
                rows(2, 1, 0, "Name is 257 characters long")));
        // Sizes
        cases.add(create("zero-bytes", new byte[0], new BatchFails("the file is empty")));
        cases.add(create("only-blank-lines", "\n\r\n   \n\t\n", new BatchFails("the file is empty")));
        // Keys
        cases.add(new Case("key-with-spaces-and-plus", "incoming/create/hostile/Class of 2026 + staff.csv",
                utf8(HEADER + "Ann,admin\n"), Map.of(), rows(1, 1)));
        cases.add(new Case("unicode-key", "incoming/create/hostile/élèves 日本 👩‍💻.csv", utf8(HEADER + "Ann,admin\n"),
                Map.of(), rows(1, 1)));
        cases.add(new Case("very-long-key", "incoming/create/hostile/" + "k".repeat(990) + ".csv",
                utf8(HEADER + "Ann,admin\n"), Map.of(), rows(1, 1)));
        cases.add(new Case("outside-trigger-prefix", "uploads/students.csv", utf8(HEADER + "Ann,admin\n"), Map.of(),
                new Ignored()));
        cases.add(new Case("results-prefix", "results/create/students-results.csv", utf8(HEADER + "Ann,admin\n"),
                Map.of(), new Ignored()));
        cases.add(new Case("folder-marker", "incoming/create/", new byte[0], Map.of(), new Ignored()));
        cases.add(new Case("invalid-option", "incoming/create/hostile/invalid-option.csv", utf8(HEADER + "Ann,admin\n"),
                Map.of("has-header", "maybe"), new BatchFails("option has-header 'maybe' is not true or false")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyHostileFileGetsAnActionableOutcome(Case hostile, LocalPipeline pipeline, @TempDir Path scratch) {
        TestBatches batches = new TestBatches(pipeline, scratch);
        int before = batches.invitationCount();
        S3Event event = batches.upload(hostile.key(), hostile.content(), hostile.metadata());
        List<String> outcome = pipeline.deliver(event);
        if (hostile.expect() instanceof Ignored) {
            assertTrue(outcome.get(0).startsWith("IGNORED"), outcome.toString());
            return;
        }
        Finished done = batches.awaitFinished(event, Duration.ofSeconds(60));
        if (hostile.expect() instanceof BatchFails fails) {
            assertTrue(done.summaryJson().contains("\"status\" : \"FAILED\""), done.summaryJson());
            assertTrue(done.batch().error().contains(fails.error()), done.batch().error());
            assertEquals(List.of(), done.results(), "no partial output");
            assertEquals(before, batches.invitationCount(), "nothing created");
        } else if (hostile.expect() instanceof Rows rows) {
            assertFalse(done.summaryJson().contains("\"error\""), done.summaryJson());
            assertEquals(rows.total(), done.rows().size());
            assertEquals(rows.succeeded(), done.batch().counts().succeeded());
            rows.errors().forEach((row, error) -> assertTrue(done.rows().get(row)[9].contains(error),
                    done.rows().get(row)[9]));
            for (String[] row : done.rows()) {
                for (String cell : row) {
                    assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, "unsafe cell " + cell);
                }
            }
        }
    }
}
