package io.invitations.aws;

import static io.invitations.aws.Attributes.bool;
import static io.invitations.aws.Attributes.s;

import io.invitations.invitation.Invitation;
import io.invitations.overlap.Overlap;
import io.invitations.store.InvitationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Invitations (one item per token) and the device registry (one item per token and device; the item
 * {@code device = #allowance} holds MaxDevices and how many devices are bound). Items expire (TTL)
 * a while after the invitation does. An External Id's claim is an item of the invitations table too, keyed
 * {@code #external-id#<parent token or empty>#<id>} (no token starts with {@code #}), naming its holder's token:
 * DynamoDB's way to keep an attribute unique is an item keyed by it, written in one transaction with the item it
 * guards.
 */
public final class DynamoInvitationStore implements InvitationStore {
    private static final String TOKEN = InvitationItems.TOKEN;
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final String CLAIM_PREFIX = "#external-id#";
    private static final String HOLDER = "holder";
    /** Each lost race hands the claim to a new holder, so a few attempts settle any contest. */
    private static final int CLAIM_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String invitationsTable;
    private final String registryTable;
    private final Overlap overlap;

    /** A store whose batch writes and conditional puts go one after another (a test's, a tool's). */
    public DynamoInvitationStore(DynamoDbClient dynamo, String invitationsTable, String registryTable) {
        this(dynamo, invitationsTable, registryTable, Overlap.SEQUENTIAL);
    }

    /** {@code overlap}: how a chunk's writes (its batch writes, or its conditional puts) overlap. */
    public DynamoInvitationStore(DynamoDbClient dynamo, String invitationsTable, String registryTable,
                                 Overlap overlap) {
        this.dynamo = dynamo;
        this.invitationsTable = invitationsTable;
        this.registryTable = registryTable;
        this.overlap = overlap;
    }

    @Override
    public void createAll(List<Invitation> invitations) {
        List<Map.Entry<String, WriteRequest>> writes = new ArrayList<>(invitations.size() * 2);
        for (Invitation invitation : invitations) {
            writes.add(Map.entry(invitationsTable, put(invitationItem(invitation))));
            writes.add(Map.entry(registryTable, put(RegistryItems.allowance(invitation))));
        }
        writeAll(writes);
    }

    /**
     * One conditional PutItem per item (BatchWriteItem takes no condition): a later attempt at a chunk, or a chunk
     * given up on, so seldom taken that the plain batch puts of a first attempt stay the rule.
     */
    @Override
    public void createMissing(List<Invitation> invitations) {
        overlap.map(invitations, invitation -> {
            // The invitation before its allowance: an allowance never exists without its invitation.
            putIfAbsent(invitationsTable, invitationItem(invitation));
            putIfAbsent(registryTable, RegistryItems.allowance(invitation));
            return null;
        });
    }

    private void putIfAbsent(String table, Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    // "token" is one of DynamoDB's reserved words: named through a placeholder.
                    .conditionExpression("attribute_not_exists(#token)")
                    .expressionAttributeNames(Map.of("#token", TOKEN)).build());
        } catch (ConditionalCheckFailedException alreadyThere) {
            // written by an earlier attempt, and maybe accepted or revoked since: kept as it is
        }
    }

    @Override
    public void deleteAll(List<String> tokens) {
        List<Map.Entry<String, WriteRequest>> writes = new ArrayList<>(tokens.size() * 2);
        for (String token : tokens) {
            writes.add(Map.entry(invitationsTable, WriteRequest.builder().deleteRequest(b -> b.key(
                    Map.of(TOKEN, s(token)))).build()));
            writes.add(Map.entry(registryTable, WriteRequest.builder().deleteRequest(b -> b.key(
                    RegistryItems.allowanceKey(token))).build()));
        }
        writeAll(writes);
    }

    /** (table, write) pairs, 25 to a BatchWriteItem request; the requests overlap, and all end before it returns. */
    private void writeAll(List<Map.Entry<String, WriteRequest>> writes) {
        List<List<Map.Entry<String, WriteRequest>>> requests = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            requests.add(writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT)));
        }
        overlap.map(requests, request -> {
            batchWrite(request);
            return null;
        });
    }

    private void batchWrite(List<Map.Entry<String, WriteRequest>> writes) {
        Map<String, List<WriteRequest>> byTable = new HashMap<>();
        writes.forEach(w -> byTable.computeIfAbsent(w.getKey(), t -> new ArrayList<>()).add(w.getValue()));
        for (int attempt = 0; !byTable.isEmpty(); attempt++) {
            if (attempt >= Backoff.MAX_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left items unprocessed after " + attempt + " attempts");
            }
            if (attempt > 0) {
                Backoff.pause(attempt);
            }
            Map<String, List<WriteRequest>> unprocessed = dynamo.batchWriteItem(
                    BatchWriteItemRequest.builder().requestItems(byTable).build()).unprocessedItems();
            byTable.clear();
            if (unprocessed != null) {
                byTable.putAll(unprocessed);
            }
        }
    }

    @Override
    public Optional<StoredInvitation> createHolding(Invitation invitation, String externalId, Instant now) {
        Map<String, AttributeValue> claimKey = Map.of(TOKEN, s(CLAIM_PREFIX + invitation.parentToken() + "#"
                + externalId));
        String replacing = null;
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> claim = new HashMap<>(claimKey);
            claim.put(HOLDER, s(invitation.token()));
            claim.put("expiresAt", expiresAt(invitation));
            Map<String, AttributeValue> item = invitationItem(invitation);
            item.put("externalId", s(externalId));
            try {
                dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                        TransactWriteItem.builder().put(claimPut(claim, invitation.token(), replacing)).build(),
                        TransactWriteItem.builder().put(Put.builder().tableName(invitationsTable).item(item)
                                .conditionExpression("attribute_not_exists(#token)")
                                .expressionAttributeNames(Map.of("#token", TOKEN)).build()).build()).build());
                putIfAbsent(registryTable, RegistryItems.allowance(invitation));
                return Optional.empty();
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                if (reasons.size() != 2 || !isConditionFailure(reasons.get(0)) && !isConditionFailure(reasons.get(1))) {
                    throw cancelled;
                }
                if (isConditionFailure(reasons.get(1))) {
                    // The invitation is there: an earlier attempt at this row wrote it (a token is one row's), and
                    // it stays the row's answer even if its id has passed on since (it was revoked meanwhile).
                    putIfAbsent(registryTable, RegistryItems.allowance(invitation));
                    return Optional.empty();
                }
            }
            Map<String, AttributeValue> current = dynamo.getItem(GetItemRequest.builder().tableName(invitationsTable)
                    .key(claimKey).consistentRead(true).build()).item();
            if (current == null || current.isEmpty()) {
                replacing = null;
                continue;
            }
            replacing = current.get(HOLDER).s();
            Optional<StoredInvitation> holder = find(replacing).filter(stored -> stored.isActiveAt(now));
            if (holder.isPresent()) {
                return holder;
            }
        }
        throw new IllegalStateException("External Id " + externalId + " changed hands " + CLAIM_ATTEMPTS
                + " times while this row tried to claim it");
    }

    /** The claim, written when it is new, already this invitation's, or still held by the holder it replaces. */
    private Put claimPut(Map<String, AttributeValue> claim, String token, String replacing) {
        Put.Builder put = Put.builder().tableName(invitationsTable).item(claim);
        if (replacing == null) {
            return put.conditionExpression("attribute_not_exists(#token) OR #holder = :mine")
                    .expressionAttributeNames(Map.of("#token", TOKEN, "#holder", HOLDER))
                    .expressionAttributeValues(Map.of(":mine", s(token))).build();
        }
        return put.conditionExpression("#holder = :mine OR #holder = :replaced")
                .expressionAttributeNames(Map.of("#holder", HOLDER))
                .expressionAttributeValues(Map.of(":mine", s(token), ":replaced", s(replacing))).build();
    }

    private static boolean isConditionFailure(CancellationReason reason) {
        return "ConditionalCheckFailed".equals(reason.code());
    }

    @Override
    public Optional<StoredInvitation> find(String token) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(invitationsTable)
                .key(Map.of(TOKEN, s(token))).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toStored(item));
    }

    @Override
    public boolean markRevoked(String token, Instant at) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(invitationsTable).key(Map.of(TOKEN, s(token)))
                    .updateExpression("SET revoked = :yes, revokedAt = if_not_exists(revokedAt, :at)")
                    .conditionExpression("attribute_exists(#token)")
                    .expressionAttributeNames(Map.of("#token", TOKEN))
                    .expressionAttributeValues(Map.of(":yes", bool(true), ":at", s(at.toString())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void forEach(Consumer<StoredInvitation> visitor) {
        // External Id claims share the table; they carry a holder and no invitation.
        dynamo.scanPaginator(ScanRequest.builder().tableName(invitationsTable)
                        .filterExpression("attribute_not_exists(#holder)")
                        .expressionAttributeNames(Map.of("#holder", HOLDER)).build()).items()
                .forEach(item -> visitor.accept(toStored(item)));
    }

    private static StoredInvitation toStored(Map<String, AttributeValue> item) {
        return new StoredInvitation(InvitationItems.invitation(item), Attributes.flag(item, "revoked"),
                Attributes.string(item, "externalId", ""));
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static Map<String, AttributeValue> invitationItem(Invitation invitation) {
        Map<String, AttributeValue> item = InvitationItems.attributes(invitation);
        item.put("expiresAt", expiresAt(invitation));
        return item;
    }

    /** When DynamoDB may remove an item of the invitation (it, its External Id's claim): a while after it expired. */
    private static AttributeValue expiresAt(Invitation invitation) {
        return Attributes.ttl(invitation.expires().plus(RegistryItems.KEEP_AFTER_EXPIRY));
    }
}
