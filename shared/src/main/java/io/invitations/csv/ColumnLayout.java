package io.invitations.csv;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where each column sits in a record: found by header name, or by position when the file has no header.
 * {@code fieldCount} is the most fields a record may have.
 */
public record ColumnLayout(Map<Column, Integer> positions, int fieldCount, boolean fromHeader) {
    private static final List<Column> REQUIRED = List.of(Column.NAME, Column.TYPE);

    public ColumnLayout {
        positions = Map.copyOf(positions);
    }

    /** Columns by position: Name,Type,ValidDays,CanInvite,Transferable,DeviceBound,MaxDevices. */
    public static ColumnLayout positional() {
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        for (Column column : Column.values()) {
            positions.put(column, column.ordinal());
        }
        return new ColumnLayout(positions, Column.values().length, false);
    }

    /** Columns by header name; unknown columns are ignored, a missing required or repeated column fails the file. */
    public static ColumnLayout fromHeader(List<String> header) {
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        for (int i = 0; i < header.size(); i++) {
            String normalized = Column.normalize(header.get(i).strip());
            for (Column column : Column.values()) {
                if (Column.normalize(column.headerName()).equals(normalized)) {
                    if (positions.containsKey(column)) {
                        throw new CsvFileException("the header names column " + column.headerName()
                                + " twice (columns " + (positions.get(column) + 1) + " and " + (i + 1) + ")");
                    }
                    positions.put(column, i);
                }
            }
        }
        for (Column column : REQUIRED) {
            if (!positions.containsKey(column)) {
                throw new CsvFileException("the header has no " + column.headerName() + " column (found: "
                        + String.join(",", header) + "); expected "
                        + String.join(",", Arrays.stream(Column.values()).map(Column::headerName).toList())
                        + ", or set has-header=false for a file without a header");
            }
        }
        return new ColumnLayout(positions, header.size(), true);
    }

    /** The raw value of {@code column} in {@code fields}, or null when the record does not reach it. */
    public String valueOf(Column column, List<String> fields) {
        Integer position = positions.get(column);
        return position == null || position >= fields.size() ? null : fields.get(position);
    }

    /** The raw values of the seven columns in {@code fields}, empty where absent: what a failed row echoes. */
    public List<String> columnValues(List<String> fields) {
        return Arrays.stream(Column.values()).map(c -> {
            String value = valueOf(c, fields);
            return value == null ? "" : value;
        }).toList();
    }
}
