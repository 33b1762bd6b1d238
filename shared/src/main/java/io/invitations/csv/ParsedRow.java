package io.invitations.csv;

import io.invitations.invitation.InvitationRequest;

/** A create row after validation: either a request ready to issue, or the reason it fails. */
public sealed interface ParsedRow {
    record Valid(InvitationRequest request) implements ParsedRow {
    }

    record Invalid(String error) implements ParsedRow {
    }
}
