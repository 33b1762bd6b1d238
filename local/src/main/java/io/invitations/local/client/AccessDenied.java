package io.invitations.local.client;

import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * AWS refusing a request for want of permission (IAM, a resource policy or the key's policy), however deep in a
 * cause chain: the command-line then says which persona may, or does without what it could not read.
 */
public final class AccessDenied {
    private static final Set<String> CODES = Set.of("AccessDenied", "AccessDeniedException");

    private AccessDenied() {
    }

    public static boolean is(Throwable error) {
        return denial(error).isPresent();
    }

    /** One line for a person: what AWS said, and who may. */
    public static String explain(Throwable error) {
        AwsServiceException aws = denial(error)
                .orElseThrow(() -> new IllegalArgumentException("not an access denial", error));
        return "AWS denied " + aws.awsErrorDetails().serviceName() + " access to these credentials ("
                + aws.awsErrorDetails().errorMessage() + "). Who may do what is set by the stack's personas:"
                + " see docs/security.md (an administrator may run every command)";
    }

    private static Optional<AwsServiceException> denial(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    && CODES.contains(aws.awsErrorDetails().errorCode())) {
                return Optional.of(aws);
            }
        }
        return Optional.empty();
    }
}
