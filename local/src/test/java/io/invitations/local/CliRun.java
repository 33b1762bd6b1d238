package io.invitations.local;

import io.invitations.local.cli.InvitationsCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** A command line run in this JVM, as a user runs it: its exit status and what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = InvitationsCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
