package io.invitations.csv;

import java.util.List;
import java.util.Map;

/**
 * The columns of one kind of input file: which are required, and where each sits in a file without a
 * header. {@code maxFields} bounds a row's fields (0: any number, as in results files fed back in).
 */
public enum ColumnSet {
    /** The seed's create file, and an optional External Id column (by header only: a file without one has 7). */
    CREATE(List.of(Column.NAME, Column.TYPE, Column.VALID_DAYS, Column.CAN_INVITE, Column.TRANSFERABLE,
            Column.DEVICE_BOUND, Column.MAX_DEVICES, Column.EXTERNAL_ID), List.of(Column.NAME, Column.TYPE),
            Map.of(Column.NAME, 0, Column.TYPE, 1, Column.VALID_DAYS, 2, Column.CAN_INVITE, 3,
                    Column.TRANSFERABLE, 4, Column.DEVICE_BOUND, 5, Column.MAX_DEVICES, 6), 7),
    /** Encoded invitations to accept: a create results file with encoded data, or an export file. */
    ACCEPT(List.of(Column.NAME, Column.ENCODED_DATA, Column.DEVICE_ID), List.of(Column.NAME, Column.ENCODED_DATA),
            Map.of(Column.NAME, 0, Column.ENCODED_DATA, 9), 0),
    /** Tokens to revoke. */
    REVOKE(List.of(Column.TOKEN), List.of(Column.TOKEN), Map.of(Column.TOKEN, 0), 0);

    private final List<Column> columns;
    private final List<Column> required;
    private final Map<Column, Integer> positions;
    private final int maxFields;

    ColumnSet(List<Column> columns, List<Column> required, Map<Column, Integer> positions, int maxFields) {
        this.columns = columns;
        this.required = required;
        this.positions = positions;
        this.maxFields = maxFields;
    }

    public List<Column> columns() {
        return columns;
    }

    List<Column> required() {
        return required;
    }

    Map<Column, Integer> positions() {
        return positions;
    }

    int maxFields() {
        return maxFields;
    }
}
