package io.invitations.csv;

import java.util.Locale;

/** The columns of a create batch, in their positional order. */
public enum Column {
    NAME("Name"),
    TYPE("Type"),
    VALID_DAYS("ValidDays"),
    CAN_INVITE("CanInvite"),
    TRANSFERABLE("Transferable"),
    DEVICE_BOUND("DeviceBound"),
    MAX_DEVICES("MaxDevices");

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
