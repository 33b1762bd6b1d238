package io.invitations.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The launcher starts the short commands with the quick compiler alone: the same commands as run no function. */
class LauncherCommandsTest {
    private static final Path LAUNCHER = Path.of("..", "invitations");
    private static final Pattern SHORT_COMMANDS = Pattern.compile("^\\s*([a-z-]+(?:\\|[a-z-]+)*)\\) jit=",
            Pattern.MULTILINE);

    @Test
    void theLaunchersShortCommandsAreThoseThatRunNoFunction() throws Exception {
        Matcher listed = SHORT_COMMANDS.matcher(Files.readString(LAUNCHER));
        Set<String> launcher = listed.find() ? Set.of(listed.group(1).split("\\|")) : Set.of();

        Set<String> runningNoFunction = InvitationsCli.COMMANDS.stream()
                .filter(RunsNoFunctions.class::isAssignableFrom)
                .map(command -> command.getAnnotation(Command.class).name())
                .collect(Collectors.toSet());

        assertEquals(Set.of("status", "devices", "validate", "stop"), runningNoFunction);
        assertEquals(runningNoFunction, launcher, "the launcher's case of short commands");
    }
}
