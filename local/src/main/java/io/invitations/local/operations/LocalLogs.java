package io.invitations.local.operations;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.api.LayoutComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.LoggerComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * The functions' log lines locally: the same JSON lines as on Lambda (the layout of the functions' log4j2.xml),
 * written to a file of the data directory instead of standard output, and to standard error as well with
 * {@code --verbose}. The embedded servers' own logging stays off. Log4j's configuration is process-wide: the
 * last pipeline started in a process decides where its lines go.
 */
public final class LocalLogs {
    public static final String FILE = "logs/functions.log";

    private LocalLogs() {
    }

    /**
     * Chooses, before anything logs, how this process logs until a pipeline configures the functions' lines:
     * nothing, through Log4j's core when {@code runsFunctions} (so that {@link #configure} can take over), else
     * through Log4j's simple logger, which starts in a tenth of the time. Process-wide and once: Log4j keeps
     * its first choice.
     */
    public static void forProcess(boolean runsFunctions) {
        System.setProperty("log4j2.configurationFile", "log4j2-cli.properties");
        if (!runsFunctions) {
            System.setProperty("log4j2.provider", "org.apache.logging.log4j.simple.internal.SimpleProvider");
            System.setProperty("log4j2.simplelogLevel", "OFF");
        }
    }

    /** Lines at {@code level} and above to {@code dataDir}'s log file (none when it is null) and maybe stderr. */
    public static void configure(Path dataDir, boolean toStderr, Level level) {
        ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
        config.setStatusLevel(Level.ERROR).setConfigurationName("invitations-local");
        LoggerComponentBuilder functions = config.newLogger("io.invitations", level).addAttribute("additivity", false);
        if (dataDir != null) {
            config.add(appender(config, config.newAppender("file", "File")
                    .addAttribute("fileName", dataDir.resolve(FILE).toString())
                    .addAttribute("immediateFlush", true)));
            functions.add(config.newAppenderRef("file"));
        }
        if (toStderr) {
            config.add(appender(config, config.newAppender("stderr", "Console").addAttribute("target", "SYSTEM_ERR")));
            functions.add(config.newAppenderRef("stderr"));
        }
        config.add(functions);
        config.add(config.newRootLogger(Level.OFF));
        Configurator.reconfigure(config.build());
    }

    private static AppenderComponentBuilder appender(ConfigurationBuilder<BuiltConfiguration> config,
                                                     AppenderComponentBuilder appender) {
        LayoutComponentBuilder json = config.newLayout("JsonTemplateLayout")
                .addAttribute("eventTemplateUri", "classpath:LambdaJsonLayout.json");
        return appender.add(json);
    }
}
