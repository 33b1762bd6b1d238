package io.invitations.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnLayoutTest {
    @Test
    void headerNamesIgnoreCaseSpacesAndUnderscores() {
        ColumnLayout layout = ColumnLayout.fromHeader(List.of("NAME", "type", "Valid_Days", "can invite",
                "TransFerable", "device_bound", "Max Devices"));
        assertEquals(ColumnLayout.positional().positions(), layout.positions());
    }

    @Test
    void unknownColumnsAreIgnored() {
        ColumnLayout layout = ColumnLayout.fromHeader(List.of("Team", "Name", "Notes", "Type"));
        assertEquals(List.of("Ann", "admin", "", "", "", "", ""),
                layout.columnValues(List.of("Blue", "Ann", "hello", "admin")));
    }

    @Test
    void missingRequiredColumnIsNamed() {
        CsvFileException e = assertThrows(CsvFileException.class,
                () -> ColumnLayout.fromHeader(List.of("Name", "ValidDays")));
        assertTrue(e.getMessage().startsWith("the header has no Type column (found: Name,ValidDays)"), e.getMessage());
    }

    @Test
    void repeatedColumnFailsTheFile() {
        CsvFileException e = assertThrows(CsvFileException.class,
                () -> ColumnLayout.fromHeader(List.of("Name", "Type", "name")));
        assertEquals("the header names column Name twice (columns 1 and 3)", e.getMessage());
    }
}
