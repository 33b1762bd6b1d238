package io.invitations.aws;

import static io.invitations.aws.Attributes.bool;
import static io.invitations.aws.Attributes.s;

import io.invitations.invitation.Invitation;
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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Invitations (one item per token) and the device registry (one item per token and device; the item
 * {@code device = #allowance} holds MaxDevices and how many devices are bound). Items expire (TTL)
 * a while after the invitation does.
 */
public final class DynamoInvitationStore implements InvitationStore {
    private static final String TOKEN = InvitationItems.TOKEN;
    private static final int BATCH_WRITE_LIMIT = 25;

    private final DynamoDbClient dynamo;
    private final String invitationsTable;
    private final String registryTable;

    public DynamoInvitationStore(DynamoDbClient dynamo, String invitationsTable, String registryTable) {
        this.dynamo = dynamo;
        this.invitationsTable = invitationsTable;
        this.registryTable = registryTable;
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
        for (Invitation invitation : invitations) {
            putIfAbsent(invitationsTable, invitationItem(invitation));
            putIfAbsent(registryTable, RegistryItems.allowance(invitation));
        }
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

    /** (table, write) pairs, 25 to a BatchWriteItem request. */
    private void writeAll(List<Map.Entry<String, WriteRequest>> writes) {
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            batchWrite(writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT)));
        }
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
        dynamo.scanPaginator(ScanRequest.builder().tableName(invitationsTable).build()).items()
                .forEach(item -> visitor.accept(toStored(item)));
    }

    private static StoredInvitation toStored(Map<String, AttributeValue> item) {
        return new StoredInvitation(InvitationItems.invitation(item), Attributes.flag(item, "revoked"));
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static Map<String, AttributeValue> invitationItem(Invitation invitation) {
        Map<String, AttributeValue> item = InvitationItems.attributes(invitation);
        item.put("expiresAt", Attributes.ttl(invitation.expires().plus(RegistryItems.KEEP_AFTER_EXPIRY)));
        return item;
    }
}
