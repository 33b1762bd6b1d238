package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.local.bench.ColdStarts;
import io.invitations.local.bench.HandlerProcess;
import io.invitations.local.runtime.LocalFunctions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** Every function handles a real event from its own deployment package alone, in every configuration. */
class ColdStartsTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyFunctionRunsFromItsPackageInEveryConfiguration() throws Exception {
        List<ColdStarts.Measurement> measurements = ColdStarts.measure(REPOSITORY, new ArrayList<String>()::add);
        assertEquals(LocalFunctions.values().length * HandlerProcess.Mode.values().length, measurements.size());
        for (ColdStarts.Measurement m : measurements) {
            assertTrue(m.firstEventMs() > 0 && m.totalMs() >= m.firstEventMs(), m.toString());
            assertEquals(m.mode() == HandlerProcess.Mode.PRIMED, m.primingMs() > 0, m.toString());
        }
    }

    @Test
    void packagesHoldOnlyTheClientsTheyUse() throws Exception {
        for (String module : ColdStarts.packageSizes(REPOSITORY).keySet()) {
            try (ZipFile zip = new ZipFile(ColdStarts.packageOf(REPOSITORY, module).toFile())) {
                assertFalse(zip.stream().anyMatch(e -> e.getName().startsWith("software/amazon/awssdk/http/apache")
                        || e.getName().startsWith("org/apache/hc/") || e.getName().startsWith("io/netty/")), module);
                assertEquals(!module.equals("worker"), zip.getEntry("software/amazon/awssdk/services/s3/S3Client.class")
                        != null, module + ": S3 only where it is used");
            }
        }
    }
}
