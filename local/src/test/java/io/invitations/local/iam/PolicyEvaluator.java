package io.invitations.local.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * IAM's documented evaluation logic, for a request within one account, over the features this project's policies
 * use: an explicit Deny in any policy wins; otherwise an Allow in an identity-based policy or in the resource's
 * policy naming the principal (or {@code *}) allows; otherwise the request is implicitly denied. A resource policy
 * that names the account (its id or root) delegates to the account's IAM policies: it allows only with an identity
 * policy's Allow. A KMS key's policy is the gate (KMS Developer Guide, key policies): without an Allow in it, naming
 * the principal or delegating to the account, no identity policy allows a {@code kms:} action. Statements match by Action or
 * NotAction, Resource or NotResource (case-insensitive actions; {@code *} and {@code ?} wildcards), Principal (in
 * resource policies: {@code *}, an account, its root, or a role or user ARN), and Condition: String, Arn and Bool
 * operators, their negations, {@code ...IfExists}, {@code Null}, and the ForAnyValue/ForAllValues qualifiers.
 * A key missing from the request fails a condition, a negated one passes (IAM User Guide, condition operators).
 * Not modelled: permissions boundaries, SCPs, session policies, cross-account access, policy variables.
 */
public final class PolicyEvaluator {
    public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    private PolicyEvaluator() {
    }

    /** How a resource policy's statement names the requesting principal. */
    private enum Named { NOT, DIRECTLY, BY_ITS_ACCOUNT }

    /**
     * The decision for {@code request} under the principal's identity policies and the resource's policy (for a
     * {@code kms:} action, the key policy).
     */
    public static Decision evaluate(Request request, List<Map<String, Object>> identityPolicies,
                                    Map<String, Object> resourcePolicy) {
        List<Map<String, Object>> identity = new ArrayList<>();
        for (Map<String, Object> policy : identityPolicies) {
            statements(policy).stream().filter(s -> applies(s, request)).forEach(identity::add);
        }
        List<Map<String, Object>> direct = new ArrayList<>();
        List<Map<String, Object>> delegating = new ArrayList<>();
        if (resourcePolicy != null) {
            for (Map<String, Object> statement : statements(resourcePolicy)) {
                Named named = named(statement, request);
                if (named != Named.NOT && applies(statement, request)) {
                    (named == Named.DIRECTLY ? direct : delegating).add(statement);
                }
            }
        }
        if (Stream.of(identity, direct, delegating).flatMap(List::stream).anyMatch(PolicyEvaluator::denies)) {
            return Decision.EXPLICIT_DENY;
        }
        boolean identityAllows = !identity.isEmpty();
        boolean keyPolicy = request.action().toLowerCase(Locale.ROOT).startsWith("kms:");
        boolean allowed = !direct.isEmpty() || identityAllows && (!keyPolicy || !delegating.isEmpty());
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(Map<String, Object> policy) {
        Object statement = policy.get("Statement");
        if (statement instanceof Map<?, ?> single) {
            return List.of((Map<String, Object>) single);
        }
        List<Map<String, Object>> all = new ArrayList<>();
        for (Object s : (List<?>) statement) {
            all.add((Map<String, Object>) s);
        }
        return all;
    }

    private static boolean denies(Map<String, Object> statement) {
        return "Deny".equals(statement.get("Effect"));
    }

    private static boolean applies(Map<String, Object> statement, Request request) {
        return matchesOrNot(statement, "Action", "NotAction", request.action(), true)
                && matchesOrNot(statement, "Resource", "NotResource", request.resource(), false)
                && conditionHolds(statement.get("Condition"), request);
    }

    private static boolean matchesOrNot(Map<String, Object> statement, String element, String notElement,
                                        String value, boolean ignoreCase) {
        if (statement.containsKey(element)) {
            return strings(statement.get(element)).stream().anyMatch(p -> wildcard(p, value, ignoreCase));
        }
        if (statement.containsKey(notElement)) {
            return strings(statement.get(notElement)).stream().noneMatch(p -> wildcard(p, value, ignoreCase));
        }
        return false;
    }

    private static Named named(Map<String, Object> statement, Request request) {
        Object principal = statement.get("Principal");
        if ("*".equals(principal)) {
            return Named.DIRECTLY;
        }
        if (!(principal instanceof Map<?, ?> map) || !map.containsKey("AWS")) {
            return Named.NOT; // a service principal (or NotPrincipal, not used): not a person's or a role's request
        }
        Named named = Named.NOT;
        for (String name : strings(map.get("AWS"))) {
            if (name.equals("*") || name.equals(request.principalArn())) {
                return Named.DIRECTLY;
            }
            if (name.equals(request.account()) || name.equals("arn:aws:iam::" + request.account() + ":root")) {
                named = Named.BY_ITS_ACCOUNT;
            }
        }
        return named;
    }

    @SuppressWarnings("unchecked")
    private static boolean conditionHolds(Object condition, Request request) {
        if (condition == null) {
            return true;
        }
        for (Map.Entry<String, Object> operator : ((Map<String, Object>) condition).entrySet()) {
            for (Map.Entry<String, Object> key : ((Map<String, Object>) operator.getValue()).entrySet()) {
                if (!holds(operator.getKey(), request.values(key.getKey()), strings(key.getValue()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One operator on one key: the request's values of the key against the policy's values. */
    static boolean holds(String operator, List<String> present, List<String> policy) {
        String qualifier = "";
        String op = operator;
        if (op.startsWith("ForAnyValue:") || op.startsWith("ForAllValues:")) {
            qualifier = op.substring(0, op.indexOf(':'));
            op = op.substring(op.indexOf(':') + 1);
        }
        if (op.equals("Null")) {
            return Boolean.parseBoolean(policy.get(0)) == present.isEmpty();
        }
        boolean ifExists = op.endsWith("IfExists");
        if (ifExists) {
            op = op.substring(0, op.length() - "IfExists".length());
        }
        boolean negated = op.contains("Not");
        String base = op.replace("Not", "");
        if (present.isEmpty()) {
            if (qualifier.equals("ForAllValues")) {
                return true; // vacuously: no value fails (the documented pitfall)
            }
            return ifExists || negated;
        }
        if (qualifier.equals("ForAllValues")) {
            return present.stream().allMatch(v -> matchesAny(base, v, policy) != negated);
        }
        // ForAnyValue, and a single-valued key: some value of the request matches (negated: none does).
        boolean any = present.stream().anyMatch(v -> matchesAny(base, v, policy));
        return any != negated;
    }

    private static boolean matchesAny(String base, String value, List<String> policy) {
        return policy.stream().anyMatch(p -> switch (base) {
            case "StringEquals", "ArnEquals" -> p.equals(value);
            case "StringEqualsIgnoreCase" -> p.equalsIgnoreCase(value);
            case "StringLike", "ArnLike" -> wildcard(p, value, false);
            case "Bool" -> p.equalsIgnoreCase(value);
            default -> throw new IllegalArgumentException("condition operator not modelled: " + base);
        });
    }

    /** IAM's wildcards: {@code *} any run of characters (across ':' and '/'), {@code ?} one character. */
    static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
