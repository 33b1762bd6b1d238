package io.invitations.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * template.yaml as written: the one source of the settings the local runtime applies (as {@code sam local} reads
 * the template). Short-form tags (!Ref, !GetAtt, !Sub ...) read as {"Ref": value} and the like.
 */
public record Template(Map<String, Object> root) {

    /**
     * The template this build was made from: packaged with the command line (template.yaml at the root of its
     * jar or classes), so that it runs from anywhere, a checkout or not.
     */
    public static Template packaged() {
        try (InputStream in = Template.class.getResourceAsStream("/template.yaml")) {
            if (in == null) {
                throw new IllegalStateException("template.yaml is not packaged with the command line: rebuild it");
            }
            return new Template(load(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged template.yaml: " + e.getMessage(), e);
        }
    }

    public static Template read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Template(load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The checkout, for the commands that build from it (the benchmarks): {@code invitations.home} (set by the
     * launcher), or the nearest folder up with template.yaml.
     */
    public static Path repository() {
        String home = System.getProperty("invitations.home");
        Path dir = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("template.yaml"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the checkout (template.yaml) from " + dir
                + ": this command measures a checkout, run it from one");
    }

    /** Reads a CloudFormation template's YAML. */
    public static Map<String, Object> load(Reader reader) {
        return new Yaml(new CfnConstructor()).load(reader);
    }

    /** A value under a resource's Properties, by path; fails naming the path when it is not there. */
    public Object property(String resource, String... path) {
        Object node = map(map(map(root.get("Resources")).get(resource)).get("Properties"));
        StringBuilder where = new StringBuilder(resource);
        for (String key : path) {
            where.append('.').append(key);
            node = map(node).get(key);
        }
        if (node == null) {
            throw new IllegalStateException("template.yaml has no " + where);
        }
        return node;
    }

    public int number(String resource, String... path) {
        return Integer.parseInt(String.valueOf(property(resource, path)));
    }

    public int parameterDefault(String name) {
        Object value = map(map(root.get("Parameters")).get(name)).get("Default");
        if (value == null) {
            throw new IllegalStateException("template.yaml has no default for parameter " + name);
        }
        return Integer.parseInt(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String name = tag.equals("Ref") ? "Ref" : "Fn::" + tag;
                    Object value = node instanceof ScalarNode scalar ? scalar.getValue()
                            : node instanceof SequenceNode sequence ? constructSequence(sequence)
                            : constructMapping((MappingNode) node);
                    return Map.of(name, value);
                }
            });
        }
    }
}
