package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitations.local.iam.PolicyEvaluator;
import io.invitations.local.iam.Request;
import io.invitations.stack.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        Template.map(Template.read(ROOT.resolve("template.yaml")).root().get("Resources")).forEach((name, resource) -> {
            if (Set.of("AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::S3::BucketPolicy")
                    .contains(Template.map(resource).get("Type"))) {
                stateful.add(name);
            }
        });
        assertEquals(6, stateful.size(), stateful.toString());

        // A stack policy is evaluated as IAM evaluates a policy: an explicit deny wins, what it does not allow is
        // denied. Whoever updates the stack is a principal it names ("*").
        Map<String, Object> policy = new ObjectMapper().readValue(ROOT.resolve("stack-policy.json").toFile(),
                new TypeReference<Map<String, Object>>() { });
        Set<String> resources = new TreeSet<>(stateful);
        resources.addAll(List.of("ChunkQueue", "WorkerFunction", "Dashboard"));
        for (String resource : resources) {
            for (String action : List.of("Update:Replace", "Update:Delete", "Update:Modify")) {
                Request update = Request.of("arn:aws:iam::123456789012:role/deployer", action,
                        "LogicalResourceId/" + resource, Map.of());
                boolean guarded = stateful.contains(resource) && !action.equals("Update:Modify");
                assertEquals(guarded ? PolicyEvaluator.Decision.EXPLICIT_DENY : PolicyEvaluator.Decision.ALLOW,
                        PolicyEvaluator.evaluate(update, List.of(), policy), action + " on " + resource);
            }
        }
    }

    @Test
    void everyDeployConfirmsItsChangeSet() throws Exception {
        String samconfig = Files.readString(ROOT.resolve("samconfig.toml"));
        assertTrue(samconfig.lines().anyMatch(l -> l.strip().equals("confirm_changeset = true")), samconfig);
        assertTrue(samconfig.contains("[default.deploy.parameters]"), samconfig);
    }
}
