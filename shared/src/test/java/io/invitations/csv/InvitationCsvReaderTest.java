package io.invitations.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvitationCsvReaderTest {
    private static List<CsvRecord> read(byte[] bytes) throws Exception {
        List<CsvRecord> records = new ArrayList<>();
        try (InvitationCsvReader reader = new InvitationCsvReader(new ByteArrayInputStream(bytes))) {
            for (Optional<CsvRecord> r = reader.next(); r.isPresent(); r = reader.next()) {
                records.add(r.get());
            }
        }
        return records;
    }

    private static List<CsvRecord> read(String text) throws Exception {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void utf8BomIsStrippedFromTheFirstHeaderName() throws Exception {
        List<CsvRecord> records = read("\uFEFFName,Type\r\nAnn,admin\r\n");
        assertEquals(List.of("Name", "Type"), records.get(0).fields());
        assertEquals(List.of("Ann", "admin"), records.get(1).fields());
    }

    @Test
    void crlfAndLfAreBothLineEnds() throws Exception {
        List<CsvRecord> records = read("a,b\r\nc,d\ne,f");
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e", "f")),
                records.stream().map(CsvRecord::fields).toList());
    }

    @Test
    void rfc4180QuotingKeepsCommasQuotesAndNewlines() throws Exception {
        List<CsvRecord> records = read("Name,Type\n\"Lee, Ann \"\"the boss\"\"\nsecond line\",admin\nBob,ro\n");
        assertEquals(List.of("Lee, Ann \"the boss\"\nsecond line", "admin"), records.get(1).fields());
        assertEquals(2, records.get(1).line());
        assertEquals(4, records.get(2).line(), "the row after a two-line field starts on line 4");
    }

    @Test
    void backslashIsAnOrdinaryCharacter() throws Exception {
        assertEquals(List.of("C:\\Users\\ann", "admin"), read("\"C:\\Users\\ann\",admin\n").get(0).fields());
    }

    @Test
    void blankLinesAreSkippedAndLinesStillCounted() throws Exception {
        List<CsvRecord> records = read("Name,Type\n\n   \nAnn,admin\n\n");
        assertEquals(2, records.size());
        assertEquals(4, records.get(1).line());
    }

    @Test
    void aLineOfDelimitersIsNotBlank() throws Exception {
        assertEquals(List.of("", "", ""), read(",,\n").get(0).fields());
    }

    @Test
    void invalidUtf8FailsTheFileNamingTheLine() {
        byte[] latin1 = "Name,Type\nJos\u00e9,admin\n".getBytes(StandardCharsets.ISO_8859_1);
        CsvFileException e = assertThrows(CsvFileException.class, () -> read(latin1));
        assertTrue(e.getMessage().startsWith("the file is not UTF-8 text"), e.getMessage());
    }

    @Test
    void invalidUtf8IsReportedOnItsOwnLineEvenFarIntoTheFile() {
        byte[] latin1 = ("Name,Type\n" + "Ann,admin\n".repeat(20_000) + "Jos\u00e9,admin\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        CsvFileException e = assertThrows(CsvFileException.class, () -> read(latin1));
        assertEquals("the file is not UTF-8 text (invalid bytes on line 20002); save it as CSV UTF-8", e.getMessage());
    }

    @Test
    void utf16IsRefusedAsNotText() {
        CsvFileException e = assertThrows(CsvFileException.class,
                () -> read("Name,Type\nAnn,admin\n".getBytes(StandardCharsets.UTF_16LE)));
        assertTrue(e.getMessage().startsWith("the file has a NUL byte on line 1"), e.getMessage());
    }

    @Test
    void overlongAndSurrogateEncodingsAreNotUtf8() {
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}}) {
            assertThrows(CsvFileException.class, () -> read(bad));
        }
    }

    @Test
    void multiByteCharactersPass() throws Exception {
        assertEquals(List.of("Zoë 👩‍💻 日本", "admin"), read("Zoë 👩‍💻 日本,admin\n").get(0).fields());
    }

    @Test
    void unclosedQuoteFailsTheFile() {
        CsvFileException e = assertThrows(CsvFileException.class, () -> read("Name,Type\n\"Ann,admin\nBob,ro\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void oversizedRowFailsTheFile() {
        String huge = "x".repeat(InvitationCsvReader.MAX_RECORD_CHARS + 10);
        CsvFileException e = assertThrows(CsvFileException.class, () -> read("Name,Type\n" + huge + ",admin\n"));
        assertTrue(e.getMessage().startsWith("line 2 is 16 KB long"), e.getMessage());
    }

    @Test
    void emptyInputHasNoRecords() throws Exception {
        assertEquals(List.of(), read(new byte[0]));
    }
}
