package io.invitations.csv;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** Writes a results CSV: a header, then rows, every cell spreadsheet-safe, RFC 4180 quoting, CRLF line ends. */
public final class ResultsCsvWriter implements Closeable, Flushable {
    private final ICSVWriter csv;
    private final List<String> header;

    public ResultsCsvWriter(Writer out, List<String> header) {
        this.csv = new CSVWriter(out, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                ICSVWriter.DEFAULT_QUOTE_CHARACTER, "\r\n");
        this.header = List.copyOf(header);
    }

    public void writeHeader() {
        csv.writeNext(header.toArray(String[]::new), false);
    }

    public void write(List<String> cells) {
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

    /**
     * One line of a create results (or export) file, in the seed's columns and then External Id (in the results of a
     * file with that column, and in every export), as display text.
     */
    public record ResultRow(String name, String type, String token, String validDays, String canInvite,
                            String transferable, String deviceBound, String maxDevices, String status,
                            String encoded, String error, String externalId) {
        public static final List<String> HEADER = List.of("Name", "Type", "Token", "Valid Days", "Can Invite",
                "Transferable", "Device Bound", "Max Devices", "Status", "Error");
        public static final List<String> HEADER_WITH_ENCODED = List.of("Name", "Type", "Token", "Valid Days",
                "Can Invite", "Transferable", "Device Bound", "Max Devices", "Status", "Encoded Data", "Error");
        public static final String EXTERNAL_ID = "External Id";

        public static List<String> header(boolean includeEncoded, boolean includeExternalId) {
            List<String> header = new ArrayList<>(includeEncoded ? HEADER_WITH_ENCODED : HEADER);
            if (includeExternalId) {
                header.add(EXTERNAL_ID);
            }
            return List.copyOf(header);
        }

        public static String yesNo(boolean value) {
            return YesNo.word(value);
        }

        /** The cells under {@link #header}: Encoded Data sits before Error, External Id last, as the header says. */
        public List<String> cells(boolean includeEncoded, boolean includeExternalId) {
            List<String> cells = new ArrayList<>(List.of(name, type, token, validDays, canInvite, transferable,
                    deviceBound, maxDevices, status));
            if (includeEncoded) {
                cells.add(encoded);
            }
            cells.add(error);
            if (includeExternalId) {
                cells.add(externalId);
            }
            return cells;
        }
    }
}
