package io.invitations.csv;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a results CSV in the seed's columns (the data under the right headers), every cell
 * spreadsheet-safe, RFC 4180 quoting, CRLF line ends.
 */
public final class ResultsCsvWriter implements Closeable, Flushable {
    public static final List<String> HEADER = List.of("Name", "Type", "Token", "Valid Days", "Can Invite",
            "Transferable", "Device Bound", "Max Devices", "Status", "Error");
    public static final List<String> HEADER_WITH_ENCODED = List.of("Name", "Type", "Token", "Valid Days",
            "Can Invite", "Transferable", "Device Bound", "Max Devices", "Status", "Encoded Data", "Error");

    private final ICSVWriter csv;
    private final boolean includeEncoded;

    public ResultsCsvWriter(Writer out, boolean includeEncoded) {
        this.csv = new CSVWriter(out, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                ICSVWriter.DEFAULT_QUOTE_CHARACTER, "\r\n");
        this.includeEncoded = includeEncoded;
    }

    public void writeHeader() {
        csv.writeNext((includeEncoded ? HEADER_WITH_ENCODED : HEADER).toArray(String[]::new), false);
    }

    public void write(ResultRow row) {
        List<String> cells = new ArrayList<>(List.of(row.name(), row.type(), row.token(), row.validDays(),
                row.canInvite(), row.transferable(), row.deviceBound(), row.maxDevices(), row.status()));
        if (includeEncoded) {
            cells.add(row.encoded());
        }
        cells.add(row.error());
        csv.writeNext(cells.stream().map(SpreadsheetSafe::cell).toArray(String[]::new), true);
    }

    @Override
    public void flush() throws IOException {
        csv.flush();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    /** One line of a results file, as display text. */
    public record ResultRow(String name, String type, String token, String validDays, String canInvite,
                            String transferable, String deviceBound, String maxDevices, String status,
                            String encoded, String error) {
        public static String yesNo(boolean value) {
            return value ? "yes" : "no";
        }
    }
}
