package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.invitations.local.runtime.DataDirectoryLock;
import io.invitations.local.runtime.EmbeddedServers.Server;
import io.invitations.local.runtime.LocalState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reading command (status, devices) starts: only the servers it names, their stores made where absent. */
class LocalStateTest {

    @Test
    void startsOnlyTheServersNamedAndCreatesTheirStoresOnce(@TempDir Path dir) throws Exception {
        try (LocalState state = LocalState.open(dir, EnumSet.of(Server.DYNAMODB))) {
            assertEquals(Set.of("invitations", "invitations-batches", "invitations-device-registry",
                    "invitations-profiles"), Set.copyOf(state.clients().dynamo().listTables().tableNames()));
            assertNull(state.deployment().splitterFailureQueue(), "no queues: they live with a pipeline");
            assertEquals("invitations-batches", state.deployment().batchesTable());
            assertThrows(DataDirectoryLock.InUseException.class, () -> LocalState.open(dir, EnumSet.of(Server.S3)),
                    "one process at a time on a data directory");
        }
        assertFalse(Files.exists(dir.resolve("s3")), "S3 was not started");

        try (LocalState state = LocalState.open(dir, EnumSet.of(Server.S3, Server.DYNAMODB))) {
            state.clients().s3().headBucket(b -> b.bucket(state.deployment().bucket()));
            assertEquals(List.of(), state.clients().s3().listObjectsV2(b -> b.bucket(state.deployment().bucket()))
                    .contents());
            assertEquals(4, state.clients().dynamo().listTables().tableNames().size(), "the tables were kept");
        }
    }
}
