package io.invitations.csv;

import io.invitations.invitation.InvitationRequest;
import io.invitations.invitation.InvitationRules;
import io.invitations.invitation.InvitationType;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The create-row rules of the seed, made strict: every bad value fails its row with an error naming
 * the line, the field and the value; nothing is silently replaced by a default.
 */
public final class InvitationRowParser {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final ColumnLayout layout;

    public InvitationRowParser(ColumnLayout layout) {
        this.layout = layout;
    }

    public ParsedRow parse(CsvRecord record) {
        try {
            return new ParsedRow.Valid(request(record));
        } catch (RowException e) {
            return new ParsedRow.Invalid("line " + record.line() + ": " + e.getMessage());
        }
    }

    private InvitationRequest request(CsvRecord record) {
        List<String> fields = record.fields();
        if (layout.fieldCount() > 0 && fields.size() > layout.fieldCount()) {
            throw new RowException("the row has " + fields.size() + " fields, more than the "
                    + layout.fieldCount() + " columns of the " + (layout.fromHeader() ? "header" : "format")
                    + " (an unquoted comma in a value?)");
        }
        String name = value(fields, Column.NAME)
                .orElseThrow(() -> new RowException("Name is missing (the row has " + fields.size() + " field"
                        + (fields.size() == 1 ? "" : "s") + ")"));
        if (name.isEmpty()) {
            throw new RowException("Name is empty");
        }
        if (name.length() > InvitationRules.MAX_NAME_LENGTH) {
            throw new RowException("Name is " + name.length() + " characters long, more than "
                    + InvitationRules.MAX_NAME_LENGTH);
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new RowException("Name contains a control character");
        }
        name.chars().filter(InvitationRowParser::isInvisible).findFirst().ifPresent(c -> {
            throw new RowException(String.format("Name contains the invisible character U+%04X", c));
        });
        String typeText = value(fields, Column.TYPE)
                .orElseThrow(() -> new RowException("Type is missing (the row has " + fields.size() + " field"
                        + (fields.size() == 1 ? "" : "s") + ")"));
        if (typeText.isEmpty()) {
            throw new RowException("Type is empty; expected read_only, read_write or admin");
        }
        InvitationType type = InvitationType.parse(typeText).orElseThrow(() -> new RowException(
                "Type " + quote(typeText) + " is not one of read_only, read_write, admin"));
        return new InvitationRequest(name, type,
                number(fields, Column.VALID_DAYS, InvitationRules.DEFAULT_VALID_DAYS,
                        InvitationRules.MIN_VALID_DAYS, InvitationRules.MAX_VALID_DAYS),
                bool(fields, Column.CAN_INVITE, InvitationRules.defaultCanInvite(type)),
                bool(fields, Column.TRANSFERABLE, InvitationRules.DEFAULT_TRANSFERABLE),
                bool(fields, Column.DEVICE_BOUND, InvitationRules.DEFAULT_DEVICE_BOUND),
                number(fields, Column.MAX_DEVICES, InvitationRules.DEFAULT_MAX_DEVICES,
                        InvitationRules.MIN_MAX_DEVICES, InvitationRules.MAX_MAX_DEVICES),
                externalId(fields));
    }

    /** The External Id, empty when the file or the row has none; it keys a stored item, so it is kept plain. */
    private String externalId(List<String> fields) {
        String id = value(fields, Column.EXTERNAL_ID).orElse("");
        if (id.length() > InvitationRules.MAX_EXTERNAL_ID_LENGTH) {
            throw new RowException("External Id is " + id.length() + " characters long, more than "
                    + InvitationRules.MAX_EXTERNAL_ID_LENGTH);
        }
        if (id.chars().anyMatch(c -> Character.isISOControl(c) || isInvisible(c))) {
            throw new RowException("External Id " + quote(id) + " contains a control or invisible character");
        }
        return id;
    }

    /** The trimmed value, or empty when the record does not reach the column. */
    private Optional<String> value(List<String> fields, Column column) {
        return Optional.ofNullable(layout.valueOf(column, fields)).map(String::strip);
    }

    private int number(List<String> fields, Column column, int fallback, int min, int max) {
        String text = value(fields, column).orElse("");
        if (text.isEmpty()) {
            return fallback;
        }
        String range = " (allowed: " + min + " to " + max + ")";
        if (!DIGITS.matcher(text).matches()) {
            throw new RowException(column.headerName() + " " + quote(text) + " is not a whole number" + range);
        }
        String digits = text.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 9 || Integer.parseInt(digits) < min || Integer.parseInt(digits) > max) {
            throw new RowException(column.headerName() + " " + quote(text) + " is out of range" + range);
        }
        return Integer.parseInt(digits);
    }

    private boolean bool(List<String> fields, Column column, boolean fallback) {
        String text = value(fields, column).orElse("");
        if (text.isEmpty()) {
            return fallback;
        }
        return YesNo.parse(text).orElseThrow(() -> new RowException(column.headerName() + " " + quote(text)
                + " is not a yes/no value (use " + YesNo.ACCEPTED + ")"));
    }

    /** Characters that hide or reorder text (spoofing a name), unlike the joiners emoji legitimately use. */
    private static boolean isInvisible(int c) {
        return c == 0xFEFF || c == 0x200B || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069);
    }

    /** Quotes a value for an error message, shortened so a huge field cannot flood the results. */
    private static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + shown + "'";
    }

    private static final class RowException extends RuntimeException {
        RowException(String message) {
            super(message, null, false, false);
        }
    }
}
