package io.invitations.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through while checking that they are UTF-8 text, so that a bad byte is reported with the
 * line it is on (a decoder reading ahead in large blocks cannot tell). NUL bytes are refused too: they
 * mean UTF-16 or a binary file, never a CSV.
 */
final class Utf8CheckingInputStream extends FilterInputStream {
    private long line = 1;
    private int pendingContinuations;
    private int minSecondByte = 0x80;
    private int maxSecondByte = 0xBF;

    Utf8CheckingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            check(b);
        } else {
            checkEnd();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            checkEnd();
        }
        for (int i = 0; i < n; i++) {
            check(buffer[offset + i] & 0xFF);
        }
        return n;
    }

    private void check(int b) {
        if (pendingContinuations > 0) {
            if (b < minSecondByte || b > maxSecondByte) {
                throw notUtf8();
            }
            minSecondByte = 0x80;
            maxSecondByte = 0xBF;
            pendingContinuations--;
            return;
        }
        if (b == 0) {
            throw new CsvFileException("the file has a NUL byte on line " + line
                    + ": it is not UTF-8 text (UTF-16 or a binary file?); save it as CSV UTF-8");
        }
        if (b == '\n') {
            line++;
        } else if (b >= 0x80) {
            startSequence(b);
        }
    }

    /** Sets how many continuation bytes follow a lead byte, and the range of the next one (no overlongs). */
    private void startSequence(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            pendingContinuations = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            pendingContinuations = 2;
            minSecondByte = lead == 0xE0 ? 0xA0 : 0x80;
            maxSecondByte = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            pendingContinuations = 3;
            minSecondByte = lead == 0xF0 ? 0x90 : 0x80;
            maxSecondByte = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            throw notUtf8();
        }
    }

    private void checkEnd() {
        if (pendingContinuations > 0) {
            throw notUtf8();
        }
    }

    private CsvFileException notUtf8() {
        return new CsvFileException("the file is not UTF-8 text (invalid bytes on line " + line
                + "); save it as CSV UTF-8");
    }
}
