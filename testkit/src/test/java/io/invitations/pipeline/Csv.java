package io.invitations.pipeline;

import com.opencsv.CSVReader;
import java.io.StringReader;
import java.util.List;

/** Test helpers: CSV files as the admin writes them, and results as the admin reads them. */
final class Csv {
    static final String CREATE_HEADER = "Name,Type,ValidDays,CanInvite,Transferable,DeviceBound,MaxDevices\n";

    private Csv() {
    }

    /** {@code rows} create rows named {@code prefix 1..rows}. */
    static String createRows(String prefix, int rows) {
        StringBuilder csv = new StringBuilder(CREATE_HEADER);
        for (int i = 1; i <= rows; i++) {
            csv.append(prefix).append(' ').append(i).append(",read_only,90,no,no,yes,2\n");
        }
        return csv.toString();
    }

    /** The data rows of a results file (header dropped). */
    static List<String[]> rows(String results) {
        try (CSVReader reader = new CSVReader(new StringReader(results))) {
            List<String[]> all = reader.readAll();
            return all.subList(1, all.size());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
