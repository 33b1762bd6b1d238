package io.invitations.batch;

import java.util.Optional;

/** What a dropped file asks for, told by the prefix it is dropped under. */
public enum BatchKind {
    CREATE("create");

    public static final String INCOMING = "incoming/";
    public static final String RESULTS = "results/";

    private final String folder;

    BatchKind(String folder) {
        this.folder = folder;
    }

    /** The prefix that triggers this kind of batch, e.g. {@code incoming/create/}. */
    public String incomingPrefix() {
        return INCOMING + folder + "/";
    }

    public static Optional<BatchKind> forKey(String key) {
        for (BatchKind kind : values()) {
            if (key.startsWith(kind.incomingPrefix()) && key.length() > kind.incomingPrefix().length()) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
