package io.invitations.local;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tools a test class runs: skipped where one is missing, failed then if {@link Tool#REQUIRED} is set. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ToolCondition.class)
@interface NeedsTools {
    Tool[] value();
}
