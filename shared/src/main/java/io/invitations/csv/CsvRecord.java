package io.invitations.csv;

import java.util.List;

/** One non-blank record of a CSV file and the line it starts on (1-based, counting the header). */
public record CsvRecord(long line, List<String> fields) {
    public CsvRecord {
        fields = List.copyOf(fields);
    }
}
