package io.invitations.local.iam;

import static io.invitations.local.iam.PolicyEvaluator.Decision.ALLOW;
import static io.invitations.local.iam.PolicyEvaluator.Decision.EXPLICIT_DENY;
import static io.invitations.local.iam.PolicyEvaluator.Decision.IMPLICIT_DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluator held to the IAM User Guide's own examples and rules (policy evaluation logic, condition operators,
 * multi-valued conditions), so that the persona matrix it computes rests on AWS's documented behaviour.
 */
class PolicyEvaluatorTest {
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket";

    @SafeVarargs
    private static Map<String, Object> policy(Map<String, Object>... statements) {
        return Map.of("Version", "2012-10-17", "Statement", List.of(statements));
    }

    /** A statement from its elements, in pairs: "Effect", "Allow", "Action", ... */
    private static Map<String, Object> st(Object... elements) {
        Map<String, Object> statement = new LinkedHashMap<>();
        for (int i = 0; i < elements.length; i += 2) {
            statement.put((String) elements[i], elements[i + 1]);
        }
        return statement;
    }

    @Test
    void withNoAllowTheRequestIsImplicitlyDenied() {
        Request get = Request.of(ALICE, "s3:GetObject", BUCKET + "/a.txt", Map.of());
        assertEquals(IMPLICIT_DENY, PolicyEvaluator.evaluate(get, List.of(), null));
    }

    @Test
    void anAllowInTheIdentityPolicyOrInTheResourcePolicyAllowsWithinTheAccount() {
        Request get = Request.of(ALICE, "s3:GetObject", BUCKET + "/a.txt", Map.of());
        Map<String, Object> identity = policy(st("Effect", "Allow", "Action", "s3:Get*", "Resource", BUCKET + "/*"));
        assertEquals(ALLOW, PolicyEvaluator.evaluate(get, List.of(identity), null));
        Map<String, Object> bucket = policy(st("Effect", "Allow", "Principal", Map.of("AWS", ALICE),
                "Action", "s3:GetObject", "Resource", BUCKET + "/*"));
        assertEquals(ALLOW, PolicyEvaluator.evaluate(get, List.of(), bucket));
        Map<String, Object> forBob = policy(st("Effect", "Allow", "Principal",
                Map.of("AWS", "arn:aws:iam::111122223333:user/bob"), "Action", "s3:GetObject", "Resource", BUCKET + "/*"));
        assertEquals(IMPLICIT_DENY, PolicyEvaluator.evaluate(get, List.of(), forBob));
    }

    @Test
    void aResourcePolicyNamingTheAccountDelegatesToItsIamPolicies() {
        // The IAM guide (Principal element, AWS account principals): naming the account grants nobody by itself.
        Request get = Request.of(ALICE, "s3:GetObject", BUCKET + "/a.txt", Map.of());
        Map<String, Object> forTheAccount = policy(st("Effect", "Allow", "Principal",
                Map.of("AWS", "arn:aws:iam::111122223333:root"), "Action", "s3:GetObject", "Resource", BUCKET + "/*"));
        assertEquals(IMPLICIT_DENY, PolicyEvaluator.evaluate(get, List.of(), forTheAccount));
        Map<String, Object> identity = policy(st("Effect", "Allow", "Action", "s3:GetObject", "Resource", "*"));
        assertEquals(ALLOW, PolicyEvaluator.evaluate(get, List.of(identity), forTheAccount));
    }

    @Test
    void aKeyPolicyMustAllowBeforeAnyIamPolicyCounts() {
        // The KMS guide (key policies): without the key policy's permission, IAM policies that allow have no
        // effect; its default statement (the account's root, kms:*) enables them; naming the principal suffices.
        String key = "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        Request decrypt = Request.of(ALICE, "kms:Decrypt", key, Map.of());
        Map<String, Object> iamAllows = policy(st("Effect", "Allow", "Action", "kms:Decrypt", "Resource", key));
        Map<String, Object> enablesIam = policy(st("Effect", "Allow", "Principal",
                Map.of("AWS", "arn:aws:iam::111122223333:root"), "Action", "kms:*", "Resource", "*"));
        Map<String, Object> anotherPrincipalOnly = policy(st("Effect", "Allow", "Principal",
                Map.of("AWS", "arn:aws:iam::111122223333:role/KeyUser"), "Action", "kms:Decrypt", "Resource", "*"));
        Map<String, Object> namesAlice = policy(st("Effect", "Allow", "Principal", Map.of("AWS", ALICE),
                "Action", "kms:Decrypt", "Resource", "*"));
        assertEquals(IMPLICIT_DENY, PolicyEvaluator.evaluate(decrypt, List.of(iamAllows), anotherPrincipalOnly));
        assertEquals(ALLOW, PolicyEvaluator.evaluate(decrypt, List.of(iamAllows), enablesIam));
        assertEquals(IMPLICIT_DENY, PolicyEvaluator.evaluate(decrypt, List.of(), enablesIam));
        assertEquals(ALLOW, PolicyEvaluator.evaluate(decrypt, List.of(), namesAlice));
        // An IAM policy may deny without the key policy's permission.
        Map<String, Object> iamDenies = policy(st("Effect", "Deny", "Action", "kms:Decrypt", "Resource", "*"));
        assertEquals(EXPLICIT_DENY, PolicyEvaluator.evaluate(decrypt, List.of(iamDenies), namesAlice));
    }

    @Test
    void anExplicitDenyWinsWhereverItIs() {
        // The guide's TLS-only bucket policy: deny every request not sent over TLS.
        Map<String, Object> tlsOnly = policy(st("Effect", "Deny", "Principal", "*", "Action", "s3:*",
                "Resource", List.of(BUCKET, BUCKET + "/*"),
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
        Map<String, Object> everything = policy(st("Effect", "Allow", "Action", "*", "Resource", "*"));
        Request plain = Request.of(ALICE, "s3:GetObject", BUCKET + "/a.txt",
                Map.of("aws:SecureTransport", List.of("false")));
        Request tls = Request.of(ALICE, "s3:GetObject", BUCKET + "/a.txt", Map.of("aws:SecureTransport", List.of("true")));
        assertEquals(EXPLICIT_DENY, PolicyEvaluator.evaluate(plain, List.of(everything), tlsOnly));
        assertEquals(ALLOW, PolicyEvaluator.evaluate(tls, List.of(everything), tlsOnly));
        Map<String, Object> denyDelete = policy(st("Effect", "Deny", "Action", "s3:DeleteObject", "Resource", "*"));
        assertEquals(EXPLICIT_DENY, PolicyEvaluator.evaluate(Request.of(ALICE, "s3:DeleteObject", BUCKET + "/a",
                Map.of()), List.of(everything, denyDelete), null));
    }

    @Test
    void actionsMatchCaseInsensitivelyResourcesCaseSensitivelyWithWildcards() {
        assertTrue(PolicyEvaluator.wildcard("s3:get*", "s3:GetObject", true));
        assertFalse(PolicyEvaluator.wildcard("s3:Get*", "s3:PutObject", true));
        assertTrue(PolicyEvaluator.wildcard(BUCKET + "/results/*", BUCKET + "/results/create/x-results.csv", false));
        assertFalse(PolicyEvaluator.wildcard(BUCKET + "/Results/*", BUCKET + "/results/x.csv", false));
        assertTrue(PolicyEvaluator.wildcard("arn:aws:dynamodb:*:*:table/Books?", "arn:aws:dynamodb:eu-west-1:1:table/Books2", false));
        // NotAction: everything but IAM (the guide's example).
        Map<String, Object> allButIam = policy(st("Effect", "Allow", "NotAction", "iam:*", "Resource", "*"));
        assertEquals(ALLOW, PolicyEvaluator.evaluate(Request.of(ALICE, "s3:ListBucket", BUCKET, Map.of()),
                List.of(allButIam), null));
        assertEquals(IMPLICIT_DENY, PolicyEvaluator.evaluate(Request.of(ALICE, "iam:CreateUser",
                "arn:aws:iam::111122223333:user/x", Map.of()), List.of(allButIam), null));
    }

    @Test
    void aMissingKeyFailsAConditionAndPassesANegatedOne() {
        // The guide: aws:PrincipalTag/job-category must be iamuser-admin.
        assertTrue(PolicyEvaluator.holds("StringEquals", List.of("iamuser-admin"), List.of("iamuser-admin")));
        assertFalse(PolicyEvaluator.holds("StringEquals", List.of(), List.of("iamuser-admin")));
        assertTrue(PolicyEvaluator.holds("StringNotEquals", List.of(), List.of("iamuser-admin")));
        assertTrue(PolicyEvaluator.holds("ArnNotLike", List.of(), List.of("arn:aws:iam::*:role/x")));
        assertTrue(PolicyEvaluator.holds("StringEqualsIfExists", List.of(), List.of("a")));
        assertFalse(PolicyEvaluator.holds("StringEqualsIfExists", List.of("b"), List.of("a")));
        assertTrue(PolicyEvaluator.holds("Null", List.of(), List.of("true")));
        assertFalse(PolicyEvaluator.holds("Null", List.of("x"), List.of("true")));
    }

    @Test
    void valuesOfOneKeyAreOrAndANegatedOperatorsAreNor() {
        List<String> roles = List.of("audit", "security");
        assertTrue(PolicyEvaluator.holds("StringEquals", List.of("audit"), roles));
        assertFalse(PolicyEvaluator.holds("StringNotEquals", List.of("audit"), roles));
        assertTrue(PolicyEvaluator.holds("StringNotEquals", List.of("dev"), roles));
        assertTrue(PolicyEvaluator.holds("StringLike", List.of("arn:aws:iam::1:role/invitations-admin"),
                List.of("arn:aws:iam::*:role/invitations-*")));
        // Keys of one operator, and operators, are AND: a statement needs all of them.
        Map<String, Object> both = policy(st("Effect", "Allow", "Action", "s3:GetObject", "Resource", "*",
                "Condition", Map.of("StringEquals", Map.of("aws:PrincipalTag/team", "a", "aws:PrincipalTag/env", "prod"))));
        assertEquals(IMPLICIT_DENY, PolicyEvaluator.evaluate(Request.of(ALICE, "s3:GetObject", BUCKET + "/x",
                Map.of("aws:PrincipalTag/team", List.of("a"))), List.of(both), null));
        assertEquals(ALLOW, PolicyEvaluator.evaluate(Request.of(ALICE, "s3:GetObject", BUCKET + "/x",
                Map.of("aws:PrincipalTag/team", List.of("a"), "aws:PrincipalTag/env", List.of("prod"))), List.of(both), null));
    }

    @Test
    void setQualifiersOverMultiValuedKeys() {
        // The guide's aws:TagKeys examples: ForAllValues passes vacuously on no keys; ForAnyValue needs one.
        List<String> allowed = List.of("environment", "cost-center");
        assertTrue(PolicyEvaluator.holds("ForAllValues:StringEquals", List.of("environment"), allowed));
        assertFalse(PolicyEvaluator.holds("ForAllValues:StringEquals", List.of("environment", "owner"), allowed));
        assertTrue(PolicyEvaluator.holds("ForAllValues:StringEquals", List.of(), allowed));
        assertTrue(PolicyEvaluator.holds("ForAnyValue:StringEquals", List.of("owner", "environment"), allowed));
        assertFalse(PolicyEvaluator.holds("ForAnyValue:StringEquals", List.of(), allowed));
    }

    @Test
    void theContextHoldsThePrincipalsArnAndAccount() {
        Request get = Request.of("arn:aws:iam::111122223333:role/reader", "dynamodb:GetItem",
                "arn:aws:dynamodb:eu-west-1:111122223333:table/t", Map.of());
        assertEquals(List.of("arn:aws:iam::111122223333:role/reader"), get.values("aws:principalarn"));
        assertEquals(List.of("111122223333"), get.values("aws:PrincipalAccount"));
    }
}
