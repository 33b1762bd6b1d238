package io.invitations.csv;

import java.util.List;
import java.util.Locale;

/** Every column an input file may have, whatever its kind of batch. */
public enum Column {
    NAME("Name"),
    TYPE("Type"),
    VALID_DAYS("ValidDays"),
    CAN_INVITE("CanInvite"),
    TRANSFERABLE("Transferable"),
    DEVICE_BOUND("DeviceBound"),
    MAX_DEVICES("MaxDevices"),
    ENCODED_DATA("Encoded Data"),
    DEVICE_ID("Device Id"),
    TOKEN("Token"),
    /** The person's id in the provisioning system (a student number, an employee id): one active invitation each. */
    EXTERNAL_ID("External Id", "Ext Id", "External Reference");

    private final String headerName;
    private final List<String> aliases;

    Column(String headerName, String... aliases) {
        this.headerName = headerName;
        this.aliases = List.of(aliases);
    }

    public String headerName() {
        return headerName;
    }

    /** Whether a header cell names this column, by its name or an alias (see {@link #normalize}). */
    boolean isNamedBy(String headerCell) {
        String normalized = normalize(headerCell.strip());
        return normalize(headerName).equals(normalized)
                || aliases.stream().anyMatch(alias -> normalize(alias).equals(normalized));
    }

    /** Header names match case-insensitively, ignoring spaces and underscores ("Valid Days", "valid_days"). */
    static String normalize(String header) {
        return header.replace(" ", "").replace("_", "").replace("\t", "").toLowerCase(Locale.ROOT);
    }
}
