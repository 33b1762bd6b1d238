package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first minutes, as the README leads them: in a copy of the checkout (the files git would clone,
 * with this working tree's changes), its first command from the repo root, then {@code status}, {@code devices},
 * another {@code batch-create} and {@code stop}, all with the default data directory inside the checkout. Only
 * the first may build: nothing the product writes at run time is a source.
 */
@NeedsTools(Tool.BASH_AND_GIT)
class FirstContactIT {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String BUILDING = "invitations: building";

    @TempDir
    Path scratch;
    private Path clone;

    @AfterEach
    void stopTheServerLeft() throws Exception {
        if (clone != null && Files.isExecutable(clone.resolve("invitations"))) {
            command("./invitations stop");
        }
    }

    @Test
    void theReadmesFirstCommandBuildsOnceAndTheCommandsThatFollowDoNot() throws Exception {
        clone = copyOfTheCheckout();
        String first = readmeCommand(clone.resolve("README.md"));
        assertTrue(first.startsWith("./invitations batch-create --csv-file samples/"), first);

        ProcessRun created = command(first);
        assertEquals(0, created.exit(), created.output());
        assertTrue(created.err().contains(BUILDING), "a fresh clone builds first: " + created.output());
        Path results = clone.resolve("samples/students-results.csv");
        List<String> rows = Files.readAllLines(results);
        assertEquals(4, rows.size(), String.join("\n", rows));
        String token = rows.get(1).split(",")[2].replace("\"", "");
        assertTrue(token.startsWith("inv-"), rows.get(1));

        for (String next : List.of("./invitations status", "./invitations devices --token " + token,
                "./invitations batch-create --csv-file samples/students.csv", "./invitations stop")) {
            ProcessRun run = command(next);
            assertEquals(0, run.exit(), next + ": " + run.output());
            assertFalse(run.err().contains(BUILDING), next + " rebuilt the project: " + run.output());
        }
    }

    /** The files a clone of this checkout holds, as they are in its working tree. */
    private Path copyOfTheCheckout() throws Exception {
        ProcessRun listed = ProcessRun.run(REPOSITORY, Map.of(), Duration.ofMinutes(1),
                List.of("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"));
        assertEquals(0, listed.exit(), listed.output());
        Path copy = scratch.resolve("invitations");
        for (String name : listed.out().split("\0")) {
            Path source = REPOSITORY.resolve(name);
            if (!name.isEmpty() && Files.isRegularFile(source)) {
                Path target = copy.resolve(name);
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    /** The first code block under the README's "## The two commands". */
    static String readmeCommand(Path readme) throws Exception {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int section = lines.indexOf("## The two commands");
        assertTrue(section >= 0, "the README has a section \"## The two commands\"");
        for (int i = section + 1; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith("```")) {
                return lines.get(i + 1).strip();
            }
        }
        throw new AssertionError("no command under \"## The two commands\"");
    }

    private ProcessRun command(String line) throws Exception {
        return ProcessRun.run(clone, Map.of(), Duration.ofMinutes(10), List.of("bash", "-c", line));
    }
}
