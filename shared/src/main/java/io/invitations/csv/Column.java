package io.invitations.csv;

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
    TOKEN("Token");

    private final String headerName;

    Column(String headerName) {
        this.headerName = headerName;
    }

    public String headerName() {
        return headerName;
    }

    /** Header names match case-insensitively, ignoring spaces and underscores ("Valid Days", "valid_days"). */
    static String normalize(String header) {
        return header.replace(" ", "").replace("_", "").replace("\t", "").toLowerCase(Locale.ROOT);
    }
}
