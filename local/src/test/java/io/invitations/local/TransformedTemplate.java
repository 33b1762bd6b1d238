package io.invitations.local;

import io.invitations.stack.Template;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * template.yaml as CloudFormation receives it: packaged and transformed by the SAM translator (samtranslator,
 * shipped with cfn-lint, run by {@code cloudformation/transform.py}) for a set of parameter values, with the
 * intrinsic functions CloudFormation resolves at deploy time (Ref, Fn::Sub, Fn::Select, Fn::Split, Fn::Join,
 * Fn::If, Fn::Equals) evaluated for those values and a stack id.
 */
final class TransformedTemplate {
    static final String STACK_ID = "arn:aws:cloudformation:%s:123456789012:stack/%s/"
            + "4c2f6a20-9e1b-11f0-8d3a-0a1b2c3d4e5f";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    static final String REGION = "eu-west-1";

    private final Map<String, Object> template;
    private final Map<String, String> parameters;
    private final String stackName;
    private final String region;

    private TransformedTemplate(Map<String, Object> template, Map<String, String> parameters, String stackName,
                                String region) {
        this.template = template;
        this.parameters = parameters;
        this.stackName = stackName;
        this.region = region;
    }

    /** The template transformed for {@code given} parameter values (the others at their defaults). */
    static TransformedTemplate of(Map<String, String> given, String stackName) {
        List<String> command = new ArrayList<>(List.of("python3",
                Path.of("src", "test", "resources", "cloudformation", "transform.py").toString(),
                Path.of("..", "template.yaml").toString()));
        given.forEach((name, value) -> command.add(name + "=" + value));
        String json;
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the SAM translator failed (" + command
                        + "): samtranslator comes with cfn-lint, which the machine needs");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, Object> template = Template.load(new StringReader(json));
        Map<String, String> values = new HashMap<>();
        map(template.getOrDefault("Parameters", Map.of())).forEach((name, declaration) ->
                values.put(name, String.valueOf(map(declaration).get("Default"))));
        values.putAll(given);
        return new TransformedTemplate(template, values, stackName, REGION);
    }

    static TransformedTemplate of(Map<String, String> given) {
        return of(given, "invitations");
    }

    /** The same template as CloudFormation resolves it in another region (AWS::Region, conditions on it). */
    TransformedTemplate inRegion(String other) {
        return new TransformedTemplate(template, parameters, stackName, other);
    }

    Map<String, Object> resources() {
        return map(template.get("Resources"));
    }

    Map<String, Object> outputs() {
        return map(template.get("Outputs"));
    }

    Map<String, Object> resource(String name) {
        Map<String, Object> resource = map(resources().get(name));
        if (resource.isEmpty()) {
            throw new AssertionError("no resource " + name + " in the transformed template");
        }
        return resource;
    }

    Map<String, Object> properties(String name) {
        return map(resource(name).get("Properties"));
    }

    String type(String name) {
        return (String) resource(name).get("Type");
    }

    /** Names of the resources of a type that CloudFormation creates (their Condition, if any, holds). */
    List<String> ofType(String type) {
        return resources().entrySet().stream().filter(e -> type.equals(map(e.getValue()).get("Type")))
                .filter(e -> !(map(e.getValue()).get("Condition") instanceof String c) || condition(c))
                .map(Map.Entry::getKey).sorted().toList();
    }

    Map<String, Object> parameterDeclaration(String name) {
        return map(map(template.get("Parameters")).get(name));
    }

    /** A value as CloudFormation resolves it for this template's parameters; {@code NO_VALUE} for AWS::NoValue. */
    Object resolve(Object value) {
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object r = resolve(item);
                if (r != NO_VALUE) {
                    resolved.add(r);
                }
            }
            return resolved;
        }
        if (!(value instanceof Map<?, ?> raw)) {
            return value;
        }
        Map<String, Object> intrinsic = map(raw);
        if (intrinsic.size() == 1) {
            String function = intrinsic.keySet().iterator().next();
            Object argument = intrinsic.get(function);
            switch (function) {
                case "Ref":
                    return ref((String) argument);
                case "Fn::Sub":
                    return sub(argument);
                case "Fn::Select": {
                    List<?> args = (List<?>) argument;
                    List<?> from = (List<?>) resolve(args.get(1));
                    return from.get(Integer.parseInt(String.valueOf(resolve(args.get(0)))));
                }
                case "Fn::Split": {
                    List<?> args = (List<?>) argument;
                    return List.of(((String) resolve(args.get(1))).split(Pattern.quote((String) args.get(0)), -1));
                }
                case "Fn::Join": {
                    List<?> args = (List<?>) argument;
                    return String.join((String) args.get(0), ((List<?>) resolve(args.get(1))).stream()
                            .map(String::valueOf).toList());
                }
                case "Fn::If": {
                    List<?> args = (List<?>) argument;
                    return resolve(condition((String) args.get(0)) ? args.get(1) : args.get(2));
                }
                case "Fn::Equals": {
                    List<?> args = (List<?>) argument;
                    return String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
                }
                case "Condition":
                    return condition((String) argument);
                case "Fn::Not":
                    return !(Boolean) resolve(((List<?>) argument).get(0));
                case "Fn::Or":
                    return ((List<?>) argument).stream().anyMatch(c -> (Boolean) resolve(c));
                case "Fn::And":
                    return ((List<?>) argument).stream().allMatch(c -> (Boolean) resolve(c));
                default:
                    if (function.startsWith("Fn::")) {
                        return intrinsic; // resolved by CloudFormation from resources (GetAtt and the like)
                    }
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        intrinsic.forEach((k, v) -> {
            Object r = resolve(v);
            if (r != NO_VALUE) {
                resolved.put(k, r);
            }
        });
        return resolved;
    }

    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    boolean condition(String name) {
        return (Boolean) resolve(map(template.get("Conditions")).get(name));
    }

    private Object ref(String name) {
        return switch (name) {
            case "AWS::NoValue" -> NO_VALUE;
            case "AWS::StackId" -> STACK_ID.formatted(region, stackName);
            case "AWS::StackName" -> stackName;
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> "123456789012";
            case "AWS::Partition" -> "aws";
            default -> parameters.containsKey(name) ? parameters.get(name) : Map.of("Ref", name);
        };
    }

    private Object sub(Object argument) {
        String text;
        Map<String, Object> variables = new HashMap<>();
        if (argument instanceof List<?> args) {
            text = (String) args.get(0);
            map(args.get(1)).forEach((k, v) -> variables.put(k, resolve(v)));
        } else {
            text = (String) argument;
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Object value = variables.containsKey(name) ? variables.get(name)
                    : name.contains(".") ? "<" + name + ">" : ref(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
