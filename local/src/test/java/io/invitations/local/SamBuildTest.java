package io.invitations.local;

import io.invitations.stack.Template;
import static io.invitations.local.TransformedTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sam build} builds: each function's Makefile target, run as SAM runs it (in a copy of the sources, with
 * ARTIFACTS_DIR a fresh directory), leaves an artifact from which Lambda's Java runtime loads the handler the
 * template names (classes at the root, jars under lib/).
 */
@NeedsTools(Tool.MAKE)
class SamBuildTest {
    private static final Set<String> NOT_COPIED = Set.of("target", ".git", ".invitations", ".aws-sam", ".idea");

    @Test
    void eachFunctionsMakeTargetBuildsAnArtifactThatLoadsItsHandler(@TempDir Path scratch) throws Exception {
        Path source = scratch.resolve("source");
        copySources(Path.of("..").toAbsolutePath().normalize(), source);
        Map<String, String> handlers = makefileFunctions();
        assertEquals(5, handlers.size(), handlers.toString());
        for (Map.Entry<String, String> function : handlers.entrySet()) {
            Path artifacts = Files.createDirectories(scratch.resolve("artifacts-" + function.getKey()));
            ProcessBuilder make = new ProcessBuilder("make", "build-" + function.getKey()).directory(source.toFile())
                    .redirectErrorStream(true);
            make.environment().put("ARTIFACTS_DIR", artifacts.toString());
            Process process = make.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), () -> "make build-" + function.getKey() + ":\n" + output);

            String handler = function.getValue();
            String className = handler.substring(0, handler.indexOf("::"));
            String method = handler.substring(handler.indexOf("::") + 2);
            try (URLClassLoader runtime = new URLClassLoader(classpathOf(artifacts),
                    ClassLoader.getPlatformClassLoader())) {
                Class<?> handlerClass = Class.forName(className, false, runtime);
                Class<?> requestHandler = Class.forName("com.amazonaws.services.lambda.runtime.RequestHandler",
                        false, runtime);
                assertTrue(requestHandler.isAssignableFrom(handlerClass), handler);
                handlerClass.getConstructor();
                assertTrue(Stream.of(handlerClass.getMethods()).anyMatch(m -> m.getName().equals(method)), handler);
                // What the handler builds on start is in the artifact too.
                Class.forName("software.amazon.awssdk.services.dynamodb.DynamoDbClient", false, runtime);
                Class.forName("io.invitations.aws.AwsPipeline", false, runtime);
            }
        }
    }

    /** The functions that sam builds with the Makefile, and the handler each names. */
    private static Map<String, String> makefileFunctions() throws IOException {
        Map<String, Object> resources;
        try (Reader reader = Files.newBufferedReader(Path.of("..", "template.yaml"))) {
            resources = map(Template.load(reader).get("Resources"));
        }
        Map<String, String> handlers = new TreeMap<>();
        resources.forEach((name, value) -> {
            Map<String, Object> resource = map(value);
            if ("AWS::Serverless::Function".equals(resource.get("Type"))
                    && "makefile".equals(map(resource.get("Metadata")).get("BuildMethod"))) {
                handlers.put(name, (String) map(resource.get("Properties")).get("Handler"));
            }
        });
        return handlers;
    }

    /** The artifact's classpath as the Java runtime builds it: the root, then every jar under lib/. */
    private static URL[] classpathOf(Path artifacts) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(artifacts.toUri().toURL());
        Path lib = artifacts.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static void copySources(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(p -> from.relativize(p).toString().isEmpty()
                            || Stream.of(from.relativize(p).toString().split("[/\\\\]")).noneMatch(NOT_COPIED::contains))
                    .forEach(p -> {
                        try {
                            Path target = to.resolve(from.relativize(p).toString());
                            if (Files.isDirectory(p)) {
                                Files.createDirectories(target);
                            } else {
                                Files.copy(p, target);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }
}
