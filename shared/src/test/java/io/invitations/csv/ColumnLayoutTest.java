package io.invitations.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnLayoutTest {
    @Test
    void headerNamesIgnoreCaseSpacesAndUnderscores() {
        ColumnLayout layout = ColumnLayout.fromHeader(ColumnSet.CREATE, List.of("NAME", "type", "Valid_Days", "can invite",
                "TransFerable", "device_bound", "Max Devices"));
        assertEquals(ColumnLayout.positional(ColumnSet.CREATE).positions(), layout.positions());
    }

    @Test
    void unknownColumnsAreIgnored() {
        ColumnLayout layout = ColumnLayout.fromHeader(ColumnSet.CREATE, List.of("Team", "Name", "Notes", "Type"));
        assertEquals(List.of("Ann", "admin", "", "", "", "", "", ""),
                layout.columnValues(List.of("Blue", "Ann", "hello", "admin")));
    }

    @Test
    void missingRequiredColumnIsNamed() {
        CsvFileException e = assertThrows(CsvFileException.class,
                () -> ColumnLayout.fromHeader(ColumnSet.CREATE, List.of("Name", "ValidDays")));
        assertTrue(e.getMessage().startsWith("the header has no Type column (found: Name,ValidDays)"), e.getMessage());
    }

    @Test
    void acceptFilesAreFoundByHeaderOrAtTheSeedsPositions() {
        ColumnLayout header = ColumnLayout.fromHeader(ColumnSet.ACCEPT, List.of("Name", "Type", "Token", "Valid Days",
                "Can Invite", "Transferable", "Device Bound", "Max Devices", "Status", "Encoded Data", "Error"));
        assertEquals(9, header.positions().get(Column.ENCODED_DATA));
        assertEquals(0, header.fieldCount(), "results files may carry any number of columns");
        assertEquals(9, ColumnLayout.positional(ColumnSet.ACCEPT).positions().get(Column.ENCODED_DATA));
        assertTrue(assertThrows(CsvFileException.class, () -> ColumnLayout.fromHeader(ColumnSet.ACCEPT,
                List.of("Name", "Token"))).getMessage().startsWith("the header has no Encoded Data column"));
    }

    @Test
    void repeatedColumnFailsTheFile() {
        CsvFileException e = assertThrows(CsvFileException.class,
                () -> ColumnLayout.fromHeader(ColumnSet.CREATE, List.of("Name", "Type", "name")));
        assertEquals("the header names column Name twice (columns 1 and 3)", e.getMessage());
    }
}
