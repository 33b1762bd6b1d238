package io.invitations.local;

import java.io.Reader;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads a CloudFormation template, its short-form tags (!Ref, !GetAtt, !Sub ...) as {"Ref": value} and the like. */
final class CloudFormationYaml {
    private CloudFormationYaml() {
    }

    static Map<String, Object> load(Reader reader) {
        return new Yaml(new CfnConstructor()).load(reader);
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
