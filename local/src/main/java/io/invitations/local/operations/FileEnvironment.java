package io.invitations.local.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/** Embedded-format metric lines appended to a file, as Lambda's standard output would carry them. */
final class FileEnvironment implements Environment, ISink {
    private final Path file;

    FileEnvironment(Path file) {
        this.file = file;
    }

    @Override
    public boolean probe() {
        return true;
    }

    @Override
    public String getName() {
        return "invitations-local";
    }

    @Override
    public String getType() {
        return "Local";
    }

    @Override
    public String getLogGroupName() {
        return "invitations-local";
    }

    @Override
    public void configureContext(MetricsContext context) {
    }

    @Override
    public ISink getSink() {
        return this;
    }

    @Override
    public synchronized void accept(MetricsContext context) {
        try {
            StringBuilder lines = new StringBuilder();
            for (String line : context.serialize()) {
                lines.append(line).append('\n');
            }
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a metric could not be serialized", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return CompletableFuture.completedFuture(null);
    }
}
