package io.invitations.local.iam;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as IAM evaluates it: who asks (the principal's IAM ARN, a role's or a user's, and its account),
 * what for (an action on a resource ARN), and the request context's keys ({@code aws:PrincipalTag/team},
 * {@code aws:SecureTransport}, ...). The principal's ARN and account are in the context too, as
 * {@code aws:PrincipalArn} and {@code aws:PrincipalAccount}.
 */
public record Request(String principalArn, String action, String resource, Map<String, List<String>> context) {

    public Request {
        context = Map.copyOf(context);
    }

    public static Request of(String principalArn, String action, String resource, Map<String, List<String>> context) {
        Map<String, List<String>> withPrincipal = new HashMap<>(context);
        withPrincipal.putIfAbsent("aws:PrincipalArn", List.of(principalArn));
        withPrincipal.putIfAbsent("aws:PrincipalAccount", List.of(principalArn.split(":")[4]));
        return new Request(principalArn, action, resource, withPrincipal);
    }

    /** The principal's account: the fifth field of its ARN. */
    String account() {
        return principalArn.split(":")[4];
    }

    /** The request's value(s) of a context key (keys compare case-insensitively); empty when it is not there. */
    List<String> values(String key) {
        return context.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).findFirst()
                .map(Map.Entry::getValue).orElse(List.of());
    }
}
