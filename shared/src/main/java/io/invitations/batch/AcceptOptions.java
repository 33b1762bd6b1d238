package io.invitations.batch;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * An accept batch's options: {@code has-header} (default true), {@code name-prefix} (profiles are named
 * {@code prefix-Name}) and {@code device-id} (the accepting device, unless a Device Id column names one per row).
 */
public record AcceptOptions(boolean hasHeader, String namePrefix, String deviceId) implements BatchOptions {
    /** Device ids are opaque, but kept printable and short enough for a key. */
    public static final Pattern DEVICE_ID_SHAPE = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final int MAX_PREFIX = 64;

    public AcceptOptions {
        namePrefix = namePrefix == null ? "" : namePrefix.strip();
        deviceId = deviceId == null ? "" : deviceId.strip();
    }

    static AcceptOptions read(Metadata metadata) {
        String namePrefix = metadata.text(NAME_PREFIX);
        if (namePrefix.length() > MAX_PREFIX || namePrefix.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidOptionException("option " + NAME_PREFIX + " must be at most " + MAX_PREFIX
                    + " printable characters");
        }
        String deviceId = metadata.text(DEVICE_ID);
        if (!deviceId.isEmpty() && !DEVICE_ID_SHAPE.matcher(deviceId).matches()) {
            throw new InvalidOptionException("option " + DEVICE_ID + " '" + deviceId
                    + "' must be 1 to 128 letters, digits or . _ : @ -");
        }
        return new AcceptOptions(metadata.flag(HAS_HEADER, true), namePrefix, deviceId);
    }

    /** Accept results never carry encoded invitations. */
    @Override
    public boolean includeEncoded() {
        return false;
    }

    /** The device a row is accepted on: its Device Id cell, else the batch's device-id option. */
    public String deviceFor(String rowDeviceId) {
        String cell = rowDeviceId == null ? "" : rowDeviceId.strip();
        return cell.isEmpty() ? deviceId : cell;
    }

    /** The profile a row's Name is accepted under. */
    public String profileFor(String name) {
        return namePrefix.isEmpty() ? name : namePrefix + "-" + name;
    }

    @Override
    public Map<String, String> toMetadata() {
        return Metadata.of(Map.of(HAS_HEADER, hasHeader), Map.of(NAME_PREFIX, namePrefix, DEVICE_ID, deviceId));
    }
}
