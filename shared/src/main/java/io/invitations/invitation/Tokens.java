package io.invitations.invitation;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Invitation tokens: {@code inv-} followed by 43 base64url characters (256 bits).
 *
 * <p>Each batch draws one 256-bit key from {@link SecureRandom}; the token of a row is
 * HMAC-SHA256(key, row number). A row processed twice (a redelivered message, a re-run splitter)
 * therefore gets the same token and overwrites the same item instead of leaving an orphan
 * invitation behind, while tokens stay unpredictable to anyone without the batch key.
 */
public final class Tokens {
    public static final String PREFIX = "inv-";
    private static final int KEY_BYTES = 32;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public Tokens(SecureRandom random) {
        this.random = random;
    }

    public Tokens() {
        this(new SecureRandom());
    }

    /** A fresh batch key, base64url-encoded. */
    public String newBatchKey() {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return BASE64URL.encodeToString(key);
    }

    /** A fresh random token, for invitations not derived from a batch row. */
    public String newToken() {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return PREFIX + BASE64URL.encodeToString(bytes);
    }

    /** The token of row {@code rowNumber} of the batch whose key is {@code batchKey}. */
    public static String forRow(String batchKey, long rowNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(batchKey), "HmacSHA256"));
            byte[] digest = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(rowNumber).array());
            return PREFIX + BASE64URL.encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** True for strings of the token's shape. */
    public static boolean looksLikeToken(String text) {
        return text != null && text.length() == PREFIX.length() + 43 && text.startsWith(PREFIX)
                && text.substring(PREFIX.length()).chars().allMatch(Tokens::isBase64UrlChar);
    }

    private static boolean isBase64UrlChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
