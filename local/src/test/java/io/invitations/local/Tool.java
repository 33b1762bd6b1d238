package io.invitations.local;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program some tests run that a machine with only a JDK lacks. Such a test is skipped where the program is
 * missing (with a line saying which and how to get it), unless {@link #REQUIRED} is set, as CI sets it: then it
 * fails, so that CI runs every test.
 */
enum Tool {
    SAM_TRANSLATOR("python3 with the SAM translator (samtranslator)",
            "it comes with cfn-lint: `pip install cfn-lint`", "python3", "-c", "import samtranslator"),
    MAKE("make", "`apt-get install make`, or `xcode-select --install` on macOS", "make", "--version"),
    AWS_CLI("the AWS CLI (aws)", "`apt-get install awscli`, or see the AWS CLI's install guide", "aws", "--version"),
    BASH_AND_GIT("bash and git (the launcher script and a copy of the checkout)", "`apt-get install bash git`",
            "bash", "-c", "git --version");

    /** The environment variable that makes every tool required ({@code true}): CI sets it. */
    static final String REQUIRED = "INVITATIONS_REQUIRE_TOOLS";

    final String description;
    final String howToGet;
    private final List<String> probe;

    Tool(String description, String howToGet, String... probe) {
        this.description = description;
        this.howToGet = howToGet;
        this.probe = List.of(probe);
    }

    /** Whether the tool runs here: its probe exits 0. */
    boolean present() {
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
