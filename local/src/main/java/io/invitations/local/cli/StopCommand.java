package io.invitations.local.cli;

import io.invitations.local.runtime.ServerState;
import io.invitations.local.runtime.BackgroundServer;
import io.invitations.local.runtime.LocalServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stop}: stops the server running on the data directory, the background one or a {@code serve}. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stop the server running on the data directory: the one the commands start in the background"
                + " (it also stops by itself after 15 minutes without use), or a `serve`. The invocations under way finish;"
                + " queued rows resume on the next start."},
        footer = {"", "Example:", "  ./invitations stop"})
public final class StopCommand implements Callable<Integer>, RunsNoFunctions {
    @Spec
    private CommandSpec spec;

    @Mixin
    private LocalOptions local;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Optional<ServerState.Info> running = ServerState.awaitRunningOn(local.dataDir, Duration.ofMinutes(2));
        if (running.isEmpty()) {
            out.println("stop: no server running on " + local.dataDir);
            return 0;
        }
        BackgroundServer.stop(running.get());
        out.printf("stop: stopped the %s on %s (process %d)%n",
                running.get().origin().background() ? "background server" : "server (`serve`)", local.dataDir,
                running.get().pid());
        return 0;
    }
}
