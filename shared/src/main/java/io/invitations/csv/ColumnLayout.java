package io.invitations.csv;

import io.invitations.invitation.InvitationType;
import io.invitations.invitation.Tokens;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where each column of a {@link ColumnSet} sits in a record: found by header name, or by position when the
 * file has no header. {@code fieldCount} is the most fields a record may have (0: no limit).
 */
public record ColumnLayout(ColumnSet set, Map<Column, Integer> positions, int fieldCount, boolean fromHeader) {

    public ColumnLayout {
        positions = Map.copyOf(positions);
    }

    public static ColumnLayout positional(ColumnSet set) {
        return new ColumnLayout(set, set.positions(), set.maxFields(), false);
    }

    /** Columns by header name; unknown columns are ignored, a missing required or repeated column fails the file. */
    public static ColumnLayout fromHeader(ColumnSet set, List<String> header) {
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        for (int i = 0; i < header.size(); i++) {
            for (Column column : set.columns()) {
                if (column.isNamedBy(header.get(i))) {
                    if (positions.containsKey(column)) {
                        throw new CsvFileException("the header names column " + column.headerName()
                                + " twice (columns " + (positions.get(column) + 1) + " and " + (i + 1) + ")");
                    }
                    positions.put(column, i);
                }
            }
        }
        for (Column column : set.required()) {
            if (!positions.containsKey(column)) {
                throw new CsvFileException("the header has no " + column.headerName() + " column (found: "
                        + String.join(",", header) + "); expected "
                        + String.join(",", set.columns().stream().map(Column::headerName).toList())
                        + ", or set has-header=false for a file without a header" + hint(header));
            }
        }
        return new ColumnLayout(set, positions, set.maxFields() == 0 ? 0 : header.size(), true);
    }

    /** What a header without the required columns most likely is, said so the admin can fix it. */
    private static String hint(List<String> header) {
        if (header.stream().anyMatch(field -> InvitationType.parse(field).isPresent()
                || Tokens.looksLikeToken(field.strip()))) {
            return " (line 1 looks like data: upload with metadata has-header=false)";
        }
        String joined = String.join(",", header);
        if (header.size() == 1 && joined.contains(";")) {
            return " (the file seems to use ';' between values: save it as comma-separated CSV)";
        }
        if (header.size() == 1 && joined.contains("\t")) {
            return " (the file seems to use tabs between values: save it as comma-separated CSV)";
        }
        return "";
    }

    /** The raw value of {@code column} in {@code fields}, or null when the record does not reach it. */
    public String valueOf(Column column, List<String> fields) {
        Integer position = positions.get(column);
        return position == null || position >= fields.size() ? null : fields.get(position);
    }

    /** The raw values of the set's columns in {@code fields}, empty where absent: what a failed row echoes. */
    public List<String> columnValues(List<String> fields) {
        return set.columns().stream().map(c -> {
            String value = valueOf(c, fields);
            return value == null ? "" : value;
        }).toList();
    }
}
