package io.invitations.csv;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The words accepted for a yes/no value, in a CSV cell or an option, and the words written for one. */
public final class YesNo {
    private static final List<String> YES = List.of("yes", "true", "1", "y", "t");
    private static final List<String> NO = List.of("no", "false", "0", "n", "f");
    /** For error messages: what may be written. */
    public static final String ACCEPTED = "yes/no, true/false, 1/0, y/n or t/f";

    private YesNo() {
    }

    /** The value of {@code word} (any case), or empty when it is not a yes/no word. */
    public static Optional<Boolean> parse(String word) {
        String lower = word.strip().toLowerCase(Locale.ROOT);
        return YES.contains(lower) ? Optional.of(true) : NO.contains(lower) ? Optional.of(false) : Optional.empty();
    }

    /** The word the results write. */
    public static String word(boolean value) {
        return value ? YES.get(0) : NO.get(0);
    }
}
