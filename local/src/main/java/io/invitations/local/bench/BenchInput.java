package io.invitations.local.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated create file: the seed's columns (and, when asked, an External Id per row), every row valid, the
 * invitation types in turn.
 */
final class BenchInput {
    static final String HEADER = "Name,Type,ValidDays,CanInvite,Transferable,DeviceBound,MaxDevices";
    private static final String[] TYPES = {"read_only", "read_write", "admin"};

    private BenchInput() {
    }

    static void write(Path file, long rows, boolean externalIds) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(externalIds ? HEADER + ",External Id" : HEADER);
            out.write('\n');
            for (long i = 1; i <= rows; i++) {
                out.write(externalIds ? row(i) + ",E-" + i : row(i));
                out.write('\n');
            }
        }
    }

    /** Row {@code i} (1-based) of the file. */
    static String row(long i) {
        return "Bench User " + i + "," + TYPES[(int) (i % TYPES.length)] + ",90,no,no,yes,2";
    }
}
