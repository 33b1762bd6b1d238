package io.invitations.pipeline;

/**
 * Whether this is the first attempt at a chunk's writes (noted by one conditional write before its rows are
 * processed), asked by a type whose writes a retry must not repeat blindly: a create chunk's first attempt writes
 * its invitations with plain batch puts; any later one writes only those that are missing, so that nothing an
 * export, an accept or a revocation saw or changed meanwhile is replaced.
 */
@FunctionalInterface
public interface FirstAttempt {
    boolean claim();
}
