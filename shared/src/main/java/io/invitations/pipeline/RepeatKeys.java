package io.invitations.pipeline;

import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two uploads the same file: their kind, their options (as the metadata that sets them, every flag
 * spelled out, so that a default left out and the same value given match) and every byte of the file, as a
 * SHA-256 digest: the digest is started with the kind and options, the file's bytes added as they are read.
 */
final class RepeatKeys {
    private RepeatKeys() {
    }

    static MessageDigest start(BatchKind kind, BatchOptions options) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        StringBuilder prefix = new StringBuilder(kind.name()).append('\n');
        for (Map.Entry<String, String> option : new TreeMap<>(options.toMetadata()).entrySet()) {
            prefix.append(option.getKey()).append('=').append(option.getValue()).append('\n');
        }
        digest.update(prefix.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        return digest;
    }

    /** The key: the kind and the digest of all that was added. */
    static String finish(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
