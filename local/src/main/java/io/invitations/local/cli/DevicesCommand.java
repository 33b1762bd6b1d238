package io.invitations.local.cli;

import io.invitations.invitation.Tokens;
import io.invitations.registry.DeviceRegistration;
import io.invitations.local.runtime.EmbeddedServers;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code devices}: the devices registered for an invitation. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the devices registered for an invitation, with the profile each accepted it under.",
        footer = {"", "Example:", "  ./invitations devices --token inv-..."})
public final class DevicesCommand implements Callable<Integer>, RunsNoFunctions {
    @Spec
    private CommandSpec spec;

    @Mixin
    private LocalOptions local;

    @Mixin
    private RemoteOptions remote;

    @Option(names = "--token", required = true, description = "The invitation's token")
    private String token;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Tokens.looksLikeToken(token.strip())) {
            err.println("error: --token is not an invitation token (inv- followed by 43 characters)");
            return BatchRun.FAILED;
        }
        try (Target target = Target.reading(local, remote, EmbeddedServers.Server.DYNAMODB)) {
            var stored = target.invitations().find(token.strip());
            if (stored.isEmpty()) {
                err.println("error: unknown invitation token");
                return BatchRun.FAILED;
            }
            List<DeviceRegistration> devices = target.registry().devicesOf(token.strip());
            out.printf("%s (%s), %d of %d devices%s%n", stored.get().invitation().name(),
                    stored.get().invitation().type().wireName(), devices.size(), stored.get().invitation().maxDevices(),
                    stored.get().revoked() ? ", revoked" : "");
            for (DeviceRegistration device : devices) {
                out.printf("  %-40s %-30s %s%n", device.deviceId(), device.profileName(), device.registeredAt());
            }
            return 0;
        } catch (Exception e) {
            err.println("error: " + BatchRun.messageOf(e));
            return BatchRun.FAILED;
        }
    }
}
