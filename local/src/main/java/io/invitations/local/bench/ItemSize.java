package io.invitations.local.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB bills it: each attribute's name (UTF-8 bytes) and value; a string's UTF-8 bytes, a
 * number's digits (an upper bound of DynamoDB's 1 byte per 2 digits plus 1), a boolean or null 1 byte, a binary
 * its bytes, and lists and maps 3 bytes plus their elements (their names too).
 */
final class ItemSize {
    private ItemSize() {
    }

    static long bytes(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToLong(e -> utf8(e.getKey()) + value(e.getValue())).sum();
    }

    private static long value(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return value.n().length();
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(ItemSize::value).sum();
        }
        if (value.hasM()) {
            return 3 + bytes(value.m());
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        return 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
