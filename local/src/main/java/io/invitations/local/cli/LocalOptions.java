package io.invitations.local.cli;

import io.invitations.local.operations.LocalLogs;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.local.runtime.LocalServer;
import io.invitations.local.runtime.LocalSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.apache.logging.log4j.Level;
import picocli.CommandLine.Option;

/** Options every command shares: where the local state lives, and how many workers run. */
final class LocalOptions {
    static final String DEFAULT_DATA_DIR = ".invitations";

    @Option(names = "--data-dir", defaultValue = DEFAULT_DATA_DIR,
            description = "Where the local state is kept (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--concurrency", defaultValue = "5",
            description = "Concurrent workers, as the function's reserved concurrency (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--verbose", description = "The functions' JSON log lines on stderr too (they are always in "
            + "logs/functions.log of the data directory)")
    boolean verbose;

    LocalSettings settings() {
        if (concurrency < 1 || concurrency > 100) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 100");
        }
        return LocalSettings.template().withWorkerConcurrency(concurrency);
    }

    /** The pipeline in this process, on the data directory: refused while {@code serve} runs on it. */
    LocalPipeline start() throws Exception {
        if (LocalServer.runningOn(dataDir).isPresent()) {
            throw new IllegalStateException("`invitations serve` is running on " + dataDir + ": stop it (Ctrl-C)"
                    + " first, or give another --data-dir");
        }
        LocalPipeline pipeline = LocalPipeline.start(dataDir, settings());
        echoLogs();
        return pipeline;
    }

    /** With {@code --verbose}: the log lines on stderr as well, from now on. */
    void echoLogs() {
        if (verbose) {
            LocalLogs.configure(dataDir, true, Level.INFO);
        }
    }

    /** This machine's device id: made once, then kept in the data directory. */
    String deviceId() throws IOException {
        Path file = dataDir.resolve("device-id");
        if (Files.isRegularFile(file)) {
            return Files.readString(file).strip();
        }
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String id = "device-" + HexFormat.of().formatHex(random);
        Files.createDirectories(dataDir);
        Files.writeString(file, id + "\n");
        return id;
    }
}
