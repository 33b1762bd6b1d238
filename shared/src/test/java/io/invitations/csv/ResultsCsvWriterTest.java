package io.invitations.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.invitations.csv.ResultsCsvWriter.ResultRow;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultsCsvWriterTest {
    private static String write(boolean includeEncoded, ResultRow row) throws Exception {
        return write(includeEncoded, false, row);
    }

    private static String write(boolean includeEncoded, boolean includeExternalId, ResultRow row) throws Exception {
        StringWriter out = new StringWriter();
        try (ResultsCsvWriter writer = new ResultsCsvWriter(out, ResultRow.header(includeEncoded, includeExternalId))) {
            writer.writeHeader();
            writer.write(row.cells(includeEncoded, includeExternalId));
        }
        return out.toString();
    }

    private static final ResultRow ROW = new ResultRow("Ann", "admin", "inv-x", "90", "yes", "no", "yes", "3",
            "Success", "ENC", "", "S-1001");

    @Test
    void seedHeaderAndColumnsWithoutEncoded() throws Exception {
        assertEquals("Name,Type,Token,Valid Days,Can Invite,Transferable,Device Bound,Max Devices,Status,Error\r\n"
                + "\"Ann\",\"admin\",\"inv-x\",\"90\",\"yes\",\"no\",\"yes\",\"3\",\"Success\",\"\"\r\n", write(false, ROW));
    }

    @Test
    void encodedDataSitsUnderItsHeaderBeforeError() throws Exception {
        assertEquals("Name,Type,Token,Valid Days,Can Invite,Transferable,Device Bound,Max Devices,Status,"
                + "Encoded Data,Error\r\n"
                + "\"Ann\",\"admin\",\"inv-x\",\"90\",\"yes\",\"no\",\"yes\",\"3\",\"Success\",\"ENC\",\"\"\r\n",
                write(true, ROW));
    }

    @Test
    void externalIdComesLastUnderItsHeader() throws Exception {
        assertEquals("Name,Type,Token,Valid Days,Can Invite,Transferable,Device Bound,Max Devices,Status,"
                + "Encoded Data,Error,External Id\r\n"
                + "\"Ann\",\"admin\",\"inv-x\",\"90\",\"yes\",\"no\",\"yes\",\"3\",\"Success\",\"ENC\",\"\","
                + "\"S-1001\"\r\n", write(true, true, ROW));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"=1+1|'=1+1", "+SUM(A1)|'+SUM(A1)", "-2|'-2", "@cmd|'@cmd",
            "\"  =HYPERLINK()\"|\"'  =HYPERLINK()\"", "Ann|Ann", "a=b|a=b", "\uFF1D1|'\uFF1D1"})
    void formulaCellsAreNeutralised(String value, String expected) {
        assertEquals(expected, SpreadsheetSafe.cell(value));
    }

    @Test
    void tabAndCarriageReturnLeadsAreNeutralised() {
        assertEquals("'\tx", SpreadsheetSafe.cell("\tx"));
        assertEquals("'\rx", SpreadsheetSafe.cell("\rx"));
    }

    @Test
    void whatTheWriterEscapesTheReaderOfOurOwnFilesRestores() {
        for (String lead : List.of("=", "+", "-", "@", "\t", "\r", "\n", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20",
                " =", "'", "''", "'=", "a")) {
            String value = lead + "handle";
            assertEquals(value, SpreadsheetSafe.text(SpreadsheetSafe.cell(value)), () -> "round trip of " + value);
        }
        assertEquals("''quoted", SpreadsheetSafe.cell("'quoted"), "a spreadsheet takes the first quote as its marker");
        assertEquals("", SpreadsheetSafe.text(""));
    }

    @Test
    void everyCellWrittenIsSafe() throws Exception {
        ResultRow hostile = new ResultRow("=cmd|' /C calc'!A0", "admin", "", "-1", "+1", "@x", "yes", "3",
                "Failed", "", "line 2: bad", "");
        String written = write(false, hostile);
        assertEquals("\"'=cmd|' /C calc'!A0\",\"admin\",\"\",\"'-1\",\"'+1\",\"'@x\",\"yes\",\"3\",\"Failed\","
                + "\"line 2: bad\"\r\n", written.substring(written.indexOf("\r\n") + 2));
    }
}
