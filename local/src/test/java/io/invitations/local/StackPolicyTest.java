package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitations.local.runtime.Template;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What guards the state on updates: the stack policy the runbook sets after the first deploy forbids replacing or
 * deleting every table and the bucket (and its policy), whatever the template grows; every deploy confirms its
 * change set.
 */
class StackPolicyTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void theStackPolicyForbidsReplacingOrDeletingEveryTableTheBucketAndItsPolicy() throws Exception {
        Set<String> stateful = new TreeSet<>();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("template.yaml"))) {
            Map<String, Object> resources = Template.map(Template.load(reader).get("Resources"));
            resources.forEach((name, resource) -> {
                if (Set.of("AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::S3::BucketPolicy")
                        .contains(Template.map(resource).get("Type"))) {
                    stateful.add("LogicalResourceId/" + name);
                }
            });
        }
        assertEquals(6, stateful.size(), stateful.toString());

        JsonNode policy = new ObjectMapper().readTree(ROOT.resolve("stack-policy.json").toFile());
        Set<String> guarded = new TreeSet<>();
        boolean updatesAllowed = false;
        for (JsonNode statement : policy.get("Statement")) {
            Set<String> actions = new TreeSet<>();
            statement.get("Action").forEach(a -> actions.add(a.asText()));
            if (statement.get("Action").isTextual()) {
                actions.add(statement.get("Action").asText());
            }
            if ("Deny".equals(statement.get("Effect").asText())) {
                assertEquals(Set.of("Update:Replace", "Update:Delete"), actions);
                statement.get("Resource").forEach(r -> guarded.add(r.asText()));
            } else {
                updatesAllowed |= actions.contains("Update:*") && "*".equals(statement.get("Resource").asText());
            }
        }
        assertEquals(stateful, guarded);
        assertTrue(updatesAllowed, "every other update stays allowed (a stack policy denies what it does not allow)");
    }

    @Test
    void everyDeployConfirmsItsChangeSet() throws Exception {
        String samconfig = Files.readString(ROOT.resolve("samconfig.toml"));
        assertTrue(samconfig.lines().anyMatch(l -> l.strip().equals("confirm_changeset = true")), samconfig);
        assertTrue(samconfig.contains("[default.deploy.parameters]"), samconfig);
    }
}
