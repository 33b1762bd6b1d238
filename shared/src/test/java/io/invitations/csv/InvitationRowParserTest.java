package io.invitations.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.invitation.InvitationRequest;
import io.invitations.invitation.InvitationType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvitationRowParserTest {
    private static final ColumnLayout SEED_HEADER = ColumnLayout.fromHeader(ColumnSet.CREATE,
            List.of("Name", "Type", "ValidDays", "CanInvite", "Transferable", "DeviceBound", "MaxDevices"));

    private static InvitationRequest valid(ColumnLayout layout, String... fields) {
        ParsedRow parsed = new InvitationRowParser(layout).parse(new CsvRecord(7, Arrays.asList(fields)));
        return assertInstanceOf(ParsedRow.Valid.class, parsed, () -> parsed.toString()).request();
    }

    private static String error(ColumnLayout layout, String... fields) {
        ParsedRow parsed = new InvitationRowParser(layout).parse(new CsvRecord(7, Arrays.asList(fields)));
        return assertInstanceOf(ParsedRow.Invalid.class, parsed, () -> parsed.toString()).error();
    }

    @Test
    void explicitValuesAreHonoured() {
        assertEquals(new InvitationRequest("Test Admin", InvitationType.ADMIN, 90, false, true, false, 3, ""),
                valid(SEED_HEADER, "Test Admin", "admin", "90", "no", "yes", "no", "3"));
    }

    @Test
    void missingTrailingFieldsTakeTheSeedDefaults() {
        assertEquals(new InvitationRequest("Ann", InvitationType.READ_ONLY, 30, false, false, true, 1, ""),
                valid(SEED_HEADER, "Ann", "read_only"));
        assertEquals(new InvitationRequest("Boss", InvitationType.ADMIN, 30, true, false, true, 1, ""),
                valid(SEED_HEADER, "Boss", "admin", "", "", "", "", ""));
    }

    @Test
    void fieldsAreTrimmed() {
        assertEquals(new InvitationRequest("Ann Lee", InvitationType.READ_WRITE, 7, true, false, true, 2, ""),
                valid(SEED_HEADER, "  Ann Lee ", " RW ", " 7 ", " Yes ", " f", " T ", " 2 "));
    }

    @ParameterizedTest
    @CsvSource({"read_only,READ_ONLY", "READONLY,READ_ONLY", "ro,READ_ONLY", "Read_Write,READ_WRITE",
            "readwrite,READ_WRITE", "RW,READ_WRITE", "admin,ADMIN", "Administrator,ADMIN"})
    void typesAndAliasesAreCaseInsensitive(String text, InvitationType expected) {
        assertEquals(expected, valid(SEED_HEADER, "X", text).type());
    }

    @ParameterizedTest
    @CsvSource({"yes,true", "no,false", "TRUE,true", "False,false", "1,true", "0,false", "y,true", "N,false",
            "t,true", "F,false"})
    void booleansAcceptTheSeedWords(String text, boolean expected) {
        assertEquals(expected, valid(SEED_HEADER, "X", "read_only", "", "", text).transferable());
    }

    @Test
    void canInviteNoIsHonouredForAdmins() {
        assertEquals(false, valid(SEED_HEADER, "X", "admin", "", "no").canInvite());
        assertEquals(true, valid(SEED_HEADER, "X", "read_only", "", "yes").canInvite());
    }

    @Test
    void deviceBoundNoIsHonoured() {
        assertEquals(false, valid(SEED_HEADER, "X", "read_only", "", "", "", "no").deviceBound());
    }

    @Test
    void unknownTypeNamesLineFieldAndValue() {
        assertEquals("line 7: Type 'superuser' is not one of read_only, read_write, admin",
                error(SEED_HEADER, "X", "superuser"));
    }

    @Test
    void emptyNameFails() {
        assertEquals("line 7: Name is empty", error(SEED_HEADER, "  ", "admin"));
    }

    @Test
    void nameOver256CharactersFails() {
        assertEquals(true, valid(SEED_HEADER, "n".repeat(256), "admin").name().length() == 256);
        assertEquals("line 7: Name is 257 characters long, more than 256", error(SEED_HEADER, "n".repeat(257), "admin"));
    }

    @Test
    void badBooleanNamesTheField() {
        assertEquals("line 7: CanInvite 'maybe' is not a yes/no value (use yes/no, true/false, 1/0, y/n or t/f)",
                error(SEED_HEADER, "X", "admin", "30", "maybe"));
    }

    @ParameterizedTest
    @CsvSource({"0,out of range", "3651,out of range", "-5,not a whole number", "+5,not a whole number",
            "1e3,not a whole number", "12.5,not a whole number", "'3 0',not a whole number",
            "99999999999999999999,out of range", "thirty,not a whole number"})
    void validDaysOutside1To3650Fails(String value, String problem) {
        String message = error(SEED_HEADER, "X", "admin", value);
        assertTrue(message.startsWith("line 7: ValidDays '" + value + "' is " + problem), message);
        assertTrue(message.endsWith("(allowed: 1 to 3650)"), message);
    }

    @Test
    void validDaysBoundsAreAccepted() {
        assertEquals(1, valid(SEED_HEADER, "X", "admin", "1").validDays());
        assertEquals(3650, valid(SEED_HEADER, "X", "admin", "3650").validDays());
        assertEquals(30, valid(SEED_HEADER, "X", "admin", "0030").validDays());
    }

    @ParameterizedTest
    @CsvSource({"0", "101", "-1"})
    void maxDevicesOutside1To100Fails(String value) {
        assertTrue(error(SEED_HEADER, "X", "admin", "", "", "", "", value).startsWith("line 7: MaxDevices '" + value + "'"));
    }

    @Test
    void maxDevicesBoundsAreAccepted() {
        assertEquals(100, valid(SEED_HEADER, "X", "admin", "", "", "", "", "100").maxDevices());
    }

    @Test
    void rowWithoutTypeFieldFails() {
        assertEquals("line 7: Type is missing (the row has 1 field)", error(SEED_HEADER, "Only a name"));
    }

    @Test
    void rowWithMoreFieldsThanTheHeaderFails() {
        assertEquals("line 7: the row has 8 fields, more than the 7 columns of the header (an unquoted comma in a value?)",
                error(SEED_HEADER, "Lee, Ann", "admin", "30", "no", "no", "yes", "1", "extra"));
    }

    @Test
    void rowWithMoreThanSevenFieldsWithoutHeaderFails() {
        assertTrue(error(ColumnLayout.positional(ColumnSet.CREATE), "A", "admin", "30", "no", "no", "yes", "1", "x")
                .contains("more than the 7 columns of the format"));
    }

    @Test
    void columnsAreFoundByHeaderNameInAnyOrder() {
        ColumnLayout layout = ColumnLayout.fromHeader(ColumnSet.CREATE, List.of("max_devices", "Email", " TYPE ", "valid days", "name"));
        InvitationRequest request = valid(layout, "4", "ann@example.com", "rw", "12", "Ann");
        assertEquals(new InvitationRequest("Ann", InvitationType.READ_WRITE, 12, false, false, true, 4, ""), request);
    }

    @Test
    void theFirstErrorOfTheRowIsReported() {
        assertTrue(error(SEED_HEADER, "", "bogus").contains("Name is empty"));
    }

    @ParameterizedTest
    @CsvSource({"External Id", "external_id", "EXTERNALID", "Ext Id", "external reference"})
    void externalIdIsFoundByItsNameOrAnAliasInAnyCase(String header) {
        ColumnLayout layout = ColumnLayout.fromHeader(ColumnSet.CREATE, List.of("Name", "Type", header));
        assertEquals(" S-1001 ".strip(), valid(layout, "Ann", "admin", " S-1001 ").externalId());
        assertEquals("", valid(layout, "Bob", "admin", "").externalId(), "a row may leave it empty");
        assertEquals("", valid(layout, "Cy", "admin").externalId(), "or end before it");
    }

    @Test
    void aFileWithoutExternalIdsIsReadAsBefore() {
        assertEquals("", valid(SEED_HEADER, "Ann", "admin").externalId());
        assertEquals("", valid(ColumnLayout.positional(ColumnSet.CREATE), "Ann", "admin", "30").externalId());
        assertTrue(error(ColumnLayout.positional(ColumnSet.CREATE), "A", "admin", "30", "no", "no", "yes", "1", "S-1")
                .contains("more than the 7 columns of the format"), "External Id is a column by header only");
    }

    @Test
    void externalIdTooLongOrWithHiddenCharactersFailsTheRow() {
        ColumnLayout layout = ColumnLayout.fromHeader(ColumnSet.CREATE, List.of("Name", "Type", "External Id"));
        assertEquals("line 7: External Id is 129 characters long, more than 128",
                error(layout, "Ann", "admin", "x".repeat(129)));
        assertEquals("line 7: External Id 'S\u200B1' contains a control or invisible character",
                error(layout, "Ann", "admin", "S\u200B1"));
    }

    @Test
    void externalIdNamedTwiceFailsTheFile() {
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(CsvFileException.class,
                () -> ColumnLayout.fromHeader(ColumnSet.CREATE, List.of("Name", "Type", "External Id", "ext_id")))
                .getMessage().contains("names column External Id twice"));
    }
}
