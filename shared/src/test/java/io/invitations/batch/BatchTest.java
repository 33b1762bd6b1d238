package io.invitations.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.invitation.Tokens;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchTest {
    @Test
    void resultKeysMirrorTheInputKey() {
        assertEquals(new ResultKeys("results/create/a/b-results.csv", "results/create/a/b-summary.json"),
                ResultKeys.forSource("incoming/create/a/b.csv"));
        assertEquals(new ResultKeys("results/create/students-results.csv", "results/create/students-summary.json"),
                ResultKeys.forSource("incoming/create/students.CSV"));
        assertEquals("results/create/list.txt-results.csv", ResultKeys.forSource("incoming/create/list.txt").results());
    }

    @Test
    void exportsGoUnderATimestamp() {
        assertEquals(new ResultKeys("results/export/20261123T101530Z-invitations.csv",
                "results/export/20261123T101530Z-summary.json"), ResultKeys.forExport(Instant.parse("2026-11-23T10:15:30.5Z")));
    }

    @Test
    void onlyFilesUnderATriggerPrefixAreBatches() {
        assertEquals(Optional.of(BatchKind.CREATE), BatchKind.forKey("incoming/create/x.csv"));
        assertEquals(Optional.empty(), BatchKind.forKey("incoming/create/"));
        assertEquals(Optional.of(BatchKind.ACCEPT), BatchKind.forKey("incoming/accept/team.csv"));
        assertEquals(Optional.of(BatchKind.REVOKE), BatchKind.forKey("incoming/revoke/leavers.csv"));
        assertEquals(Optional.of(BatchKind.EXPORT), BatchKind.forKey("incoming/export/now"));
        assertEquals(Optional.empty(), BatchKind.forKey("results/create/x-results.csv"));
        assertEquals(Optional.empty(), BatchKind.forKey("x.csv"));
    }

    @Test
    void batchIdIsPerUploadNotPerDelivery() {
        SourceObject upload = new SourceObject("b", "incoming/create/x.csv", "", "etag", "00A1", 10);
        assertEquals(upload.batchId(), new SourceObject("b", "incoming/create/x.csv", "", "etag", "00A1", 10).batchId());
        assertNotEquals(upload.batchId(), new SourceObject("b", "incoming/create/x.csv", "", "etag", "00A2", 10).batchId());
        assertNotEquals(new SourceObject("b", "k", "v1", "e", "s", 1).batchId(),
                new SourceObject("b", "k", "v2", "e", "s", 1).batchId());
    }

    @Test
    void optionsDefaultAsTheSeedSays() {
        assertEquals(new CreateOptions(true, false, "", ""), BatchOptions.defaults(BatchKind.CREATE));
        assertEquals(new AcceptOptions(true, "", ""), BatchOptions.defaults(BatchKind.ACCEPT));
        assertEquals(new RevokeOptions(true), BatchOptions.defaults(BatchKind.REVOKE));
        assertEquals(new ExportOptions(true), BatchOptions.defaults(BatchKind.EXPORT), "export includes encoded data");
    }

    @Test
    void optionsAreReadFromMetadata() {
        String token = new Tokens().newToken();
        BatchOptions options = BatchOptions.fromMetadata(BatchKind.CREATE, Map.of("Has-Header", "false",
                "include-encoded", "TRUE", "parent-token", token, "s3-config", "s3://my-bucket/config",
                "name-prefix", "Team", "device_id", "laptop-7"));
        assertEquals(new CreateOptions(false, true, token, "s3://my-bucket/config"), options,
                "each kind takes its own options; the accept options are not a create batch's");
        assertEquals(options, BatchOptions.fromMetadata(BatchKind.CREATE, options.toMetadata()));
        BatchOptions accept = BatchOptions.fromMetadata(BatchKind.ACCEPT, Map.of("has-header", "no",
                "name-prefix", " Team ", "device_id", "laptop-7", "include-encoded", "true"));
        assertEquals(new AcceptOptions(false, "Team", "laptop-7"), accept);
        assertEquals(accept, BatchOptions.fromMetadata(BatchKind.ACCEPT, accept.toMetadata()));
        assertEquals("Team-Ann", ((AcceptOptions) accept).profileFor("Ann"));
    }

    @Test
    void invalidOptionsNameTheOption() {
        assertEquals("option has-header 'perhaps' is not true or false", assertThrows(InvalidOptionException.class,
                () -> BatchOptions.fromMetadata(BatchKind.CREATE, Map.of("has-header", "perhaps"))).getMessage());
        assertTrue(assertThrows(InvalidOptionException.class,
                () -> BatchOptions.fromMetadata(BatchKind.CREATE, Map.of("s3-config", "http://x"))).getMessage().startsWith("option s3-config"));
        assertTrue(assertThrows(InvalidOptionException.class,
                () -> BatchOptions.fromMetadata(BatchKind.CREATE, Map.of("parent-token", "abc"))).getMessage().startsWith("option parent-token"));
        assertTrue(assertThrows(InvalidOptionException.class, () -> BatchOptions.fromMetadata(BatchKind.ACCEPT,
                Map.of("device-id", "my laptop"))).getMessage().startsWith("option device-id 'my laptop'"));
    }
}
