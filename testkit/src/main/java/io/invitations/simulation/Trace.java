package io.invitations.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** What a schedule did, step by step: kept only when a schedule is replayed to be shown. */
final class Trace {
    private final List<String> lines;

    private Trace(List<String> lines) {
        this.lines = lines;
    }

    static Trace kept() {
        return new Trace(new ArrayList<>());
    }

    static Trace dropped() {
        return new Trace(null);
    }

    void add(String line) {
        if (lines != null) {
            lines.add(line);
        }
    }

    /** For lines costly to build. */
    void add(Supplier<String> line) {
        if (lines != null) {
            lines.add(line.get());
        }
    }

    List<String> lines() {
        return lines == null ? List.of() : lines;
    }
}
