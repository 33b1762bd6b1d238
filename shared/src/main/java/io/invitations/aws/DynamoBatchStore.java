package io.invitations.aws;

import static io.invitations.aws.Attributes.b;
import static io.invitations.aws.Attributes.n;
import static io.invitations.aws.Attributes.s;

import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.ChunkResult;
import io.invitations.batch.SourceObject;
import io.invitations.store.BatchStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The batch table: one item per batch ({@code sk = BATCH}) holding its counters, and one item per
 * counted chunk ({@code sk = CHUNK#000000042}) holding that chunk's row results, gzip-compressed; one per chunk
 * whose writes an attempt started ({@code sk = STARTED#CHUNK#000000042}); the batches
 * that repeat a batch's file ({@code sk = REPEATS}), and per repeat key the batch that holds it
 * ({@code batchId = repeat#<key>, sk = REPEAT_KEY}). Every item expires (TTL) a while after the batch started.
 */
public final class DynamoBatchStore implements BatchStore {
    static final String PK = "batchId";
    static final String SK = "sk";
    private static final String BATCH = "BATCH";
    private static final String CHUNK = "CHUNK#";
    private static final String REPEATS = "REPEATS";
    private static final String STARTED = "STARTED#";
    private static final String REPEAT_KEY = "REPEAT_KEY";
    private static final String REPEAT_OF = "repeatOf";
    /** The batch's context, token key included: only ever on the batch's item, never in a message. */
    private static final String CONTEXT = "context";
    private static final Duration RETENTION = Duration.ofDays(30);
    /** Sparse index of unfinished batches by last progress: {@code open} exists only until outputs are written. */
    public static final String OPEN_BATCHES_INDEX = "open-batches";
    static final String OPEN = "open";
    static final String UPDATED_AT = "updatedAt";
    private static final String AGGREGATION_RESTARTS = "aggregationRestarts";
    private static final String STATUS = "status";
    private static final String CANCELLED_AT = "cancelledAt";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoBatchStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    private AttributeValue now() {
        return n(clock.millis());
    }

    @Override
    public Optional<BatchRecord> find(String batchId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(key(batchId, BATCH)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRecord(item));
    }

    @Override
    public boolean register(BatchRecord batch) {
        Map<String, AttributeValue> item = new HashMap<>(key(batch.batchId(), BATCH));
        SourceObject source = batch.source();
        item.put("kind", s(batch.kind().name()));
        item.put("bucket", s(source.bucket()));
        item.put("key", s(source.key()));
        item.put("versionId", s(source.versionId()));
        item.put("eTag", s(source.eTag()));
        item.put("sequencer", s(source.sequencer()));
        item.put("size", n(source.size()));
        item.put(STATUS, s(batch.status().name()));
        item.put("totalRows", n(batch.counts().total()));
        item.put("processedRows", n(0));
        item.put("succeededRows", n(0));
        item.put("failedRows", n(0));
        item.put("startedAt", s(batch.times().started().toString()));
        item.put("expiresAt", Attributes.ttl(batch.times().started().plus(RETENTION)));
        item.put(OPEN, s("1"));
        item.put(UPDATED_AT, now());
        if (batch.error() != null) {
            item.put("error", s(batch.error()));
        }
        if (batch.context() != null) {
            item.put(CONTEXT, s(BatchTableFormats.encodeContext(batch.context())));
        }
        if (batch.isRepeat()) {
            item.put(REPEAT_OF, s(batch.repeatOf()));
        }
        return putIfAbsent(item);
    }

    /** Writes the item unless one with its key exists; true when it wrote it. */
    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(" + PK + ")").build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void markEnqueued(String batchId) {
        try {
            dynamo.updateItem(moveTo(batchId, BatchStatus.RUNNING, "", Map.of(":now", now()))
                    .updateExpression("SET #status = :to, updatedAt = :now").build());
        } catch (ConditionalCheckFailedException alreadyMovedOn) {
            // every row was counted first: the batch is aggregating already
        }
    }

    /**
     * An update that moves the batch to {@code to}, on condition that it is in a status {@link BatchStatus#from()}
     * allows (or in {@code to} already: every step is repeated by retries) and that {@code condition} holds;
     * {@code values} are those the update and the condition use.
     */
    private UpdateItemRequest.Builder moveTo(String batchId, BatchStatus to, String condition,
                                             Map<String, AttributeValue> expressionValues) {
        Map<String, AttributeValue> values = new HashMap<>(expressionValues);
        values.put(":to", s(to.name()));
        StringBuilder allowed = new StringBuilder("#status IN (:to");
        for (BatchStatus from : to.from()) {
            values.put(":" + from.name(), s(from.name()));
            allowed.append(", :").append(from.name());
        }
        allowed.append(')');
        return UpdateItemRequest.builder().tableName(table).key(key(batchId, BATCH))
                .conditionExpression(allowed + (condition.isEmpty() ? "" : " AND " + condition))
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(values);
    }

    @Override
    public Optional<UnrecordedChunk> unrecordedChunk(String batchId, int chunkIndex) {
        Map<String, AttributeValue> batchKey = key(batchId, BATCH);
        Map<String, AttributeValue> chunkKey = key(batchId, chunkKey(chunkIndex));
        KeysAndAttributes keys = KeysAndAttributes.builder().keys(batchKey, chunkKey).consistentRead(true)
                .projectionExpression("#sk, #context, totalRows, " + CANCELLED_AT)
                .expressionAttributeNames(Map.of("#sk", SK, "#context", CONTEXT)).build();
        List<Map<String, AttributeValue>> items = new ArrayList<>(2);
        KeysAndAttributes pending = keys;
        for (int attempt = 0; ; attempt++) {
            KeysAndAttributes request = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(Map.of(table, request)));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.unprocessedKeys().get(table);
            if (pending == null || !pending.hasKeys() || pending.keys().isEmpty()) {
                break;
            }
            if (attempt + 1 >= Backoff.MAX_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left the reads of batch " + batchId + " unprocessed");
            }
            // Only the keys DynamoDB left unread are asked for again.
            Backoff.pause(attempt);
        }
        Map<String, AttributeValue> batch = null;
        for (Map<String, AttributeValue> item : items) {
            if (item.get(SK).s().equals(BATCH)) {
                batch = item;
            } else {
                return Optional.empty();
            }
        }
        if (batch == null || !batch.containsKey(CONTEXT)) {
            throw new IllegalStateException("chunk " + chunkIndex + " names batch " + batchId
                    + ", which is not registered with its rows");
        }
        return Optional.of(new UnrecordedChunk(BatchTableFormats.decodeContext(batch.get(CONTEXT).s()),
                Attributes.number(batch, "totalRows"), batch.containsKey(CANCELLED_AT)));
    }

    @Override
    public Set<Integer> recordedChunks(String batchId) {
        Set<Integer> recorded = new HashSet<>();
        dynamo.queryPaginator(chunkQuery(batchId).projectionExpression("#sk").build()).items()
                .forEach(item -> recorded.add(chunkIndex(item)));
        return recorded;
    }

    /**
     * One transaction: the chunk's item, on condition that it does not exist yet, and the batch's counters. The
     * counters' update is first also conditional on rows remaining uncounted after this chunk's; when only that
     * condition fails, this chunk holds the batch's last rows, and the transaction is made again without it (one
     * refused transaction per batch, instead of a read of the counters after every chunk).
     */
    @Override
    public Recorded recordChunk(ChunkResult result, long batchRows) {
        // The chunk's item (its rows gzip-compressed) is built once, however often the transaction is made.
        TransactWriteItem chunk = TransactWriteItem.builder().put(chunkPut(result)).build();
        long rowsRemainBelow = batchRows - result.rows().size();
        boolean last = rowsRemainBelow <= 0;
        for (int attempt = 0; ; attempt++) {
            try {
                dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(chunk,
                        TransactWriteItem.builder().update(counting(result, last, rowsRemainBelow)).build()).build());
                return last ? Recorded.COUNTED_LAST : Recorded.COUNTED;
            } catch (TransactionCanceledException e) {
                // One reason per item, in order: the chunk's, then the counters'.
                List<String> reasons = e.cancellationReasons().stream().map(CancellationReason::code).toList();
                boolean chunkRefused = reasons.size() == 2 && "ConditionalCheckFailed".equals(reasons.get(0));
                boolean countersRefused = reasons.size() == 2 && "ConditionalCheckFailed".equals(reasons.get(1));
                if (chunkRefused) {
                    return Recorded.BEFORE;
                }
                if (countersRefused && !last) {
                    last = true;
                    continue;
                }
                boolean conflict = reasons.stream().anyMatch(code -> "TransactionConflict".equals(code)
                        || "ThrottlingError".equals(code) || "ProvisionedThroughputExceeded".equals(code));
                if (!conflict || attempt + 1 >= Backoff.MAX_ATTEMPTS) {
                    throw e;
                }
                Backoff.pause(attempt);
            }
        }
    }

    /** The chunk's item, on condition that it is not recorded yet. */
    private Put chunkPut(ChunkResult result) {
        Map<String, AttributeValue> chunk = new HashMap<>(key(result.batchId(), chunkKey(result.chunkIndex())));
        chunk.put("rows", b(BatchTableFormats.encodeRows(result.rows())));
        chunk.put("expiresAt", Attributes.ttl(clock.instant().plus(RETENTION)));
        return Put.builder().tableName(table).item(chunk).conditionExpression("attribute_not_exists(" + PK + ")")
                .build();
    }

    /**
     * The batch's counters plus the chunk's rows; unless {@code last}, on condition that fewer than
     * {@code rowsRemainBelow} rows were counted before (so that rows remain uncounted after these).
     */
    private Update counting(ChunkResult result, boolean last, long rowsRemainBelow) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":rows", n(result.rows().size()),
                ":ok", n(result.succeeded()), ":failed", n(result.failed()), ":now", now()));
        String condition = "attribute_exists(" + PK + ")";
        if (!last) {
            values.put(":below", n(rowsRemainBelow));
            condition += " AND processedRows < :below";
        }
        return Update.builder().tableName(table).key(key(result.batchId(), BATCH))
                .updateExpression("SET updatedAt = :now ADD processedRows :rows, succeededRows :ok, failedRows :failed")
                .conditionExpression(condition).expressionAttributeValues(values).build();
    }

    @Override
    public boolean markComplete(String batchId, Instant at) {
        try {
            dynamo.updateItem(moveTo(batchId, BatchStatus.AGGREGATING, "processedRows = totalRows",
                    Map.of(":at", s(at.toString())))
                    .updateExpression("SET #status = :to, completedAt = if_not_exists(completedAt, :at)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            // Not complete yet, or past aggregating already (finished): the old item says which.
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : Map.of();
            return !old.isEmpty() && BatchStatus.valueOf(Attributes.string(old, STATUS)).isFinished();
        }
    }

    @Override
    public void forEachChunk(String batchId, Consumer<ChunkResult> visitor) {
        dynamo.queryPaginator(chunkQuery(batchId).build()).items().forEach(item -> visitor.accept(
                new ChunkResult(batchId, chunkIndex(item), BatchTableFormats.decodeRows(item.get("rows").b().asByteArray()))));
    }

    /** The chunk items of a batch, in chunk order (their sort keys sort so), read consistently. */
    private QueryRequest.Builder chunkQuery(String batchId) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression(PK + " = :batch AND begins_with(#sk, :chunk)")
                .expressionAttributeNames(Map.of("#sk", SK))
                .expressionAttributeValues(Map.of(":batch", s(batchId), ":chunk", s(CHUNK)));
    }

    private static int chunkIndex(Map<String, AttributeValue> item) {
        return Integer.parseInt(item.get(SK).s().substring(CHUNK.length()));
    }

    @Override
    public void recordExport(String batchId, long rows) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(key(batchId, BATCH))
                .updateExpression("SET totalRows = :rows, processedRows = :rows, succeededRows = :rows")
                .expressionAttributeValues(Map.of(":rows", n(rows)))
                .build());
    }

    @Override
    public List<BatchRecord> idleSince(Instant before) {
        List<BatchRecord> idle = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table).indexName(OPEN_BATCHES_INDEX)
                        .keyConditionExpression("#open = :yes AND updatedAt < :before")
                        .expressionAttributeNames(Map.of("#open", OPEN))
                        .expressionAttributeValues(Map.of(":yes", s("1"), ":before", n(before.toEpochMilli())))
                        .build())
                .items().forEach(item -> find(item.get(PK).s()).ifPresent(idle::add));
        return idle;
    }

    @Override
    public void fail(String batchId, String error) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(key(batchId, BATCH))
                .updateExpression("SET #error = if_not_exists(#error, :error), processedRows = totalRows, updatedAt = :now")
                .expressionAttributeNames(Map.of("#error", "error"))
                .expressionAttributeValues(Map.of(":error", s(error), ":now", now()))
                .build());
    }

    @Override
    public void recordRestart(String batchId) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(key(batchId, BATCH))
                .updateExpression("ADD " + AGGREGATION_RESTARTS + " :one SET updatedAt = :now")
                .conditionExpression("attribute_exists(" + PK + ")")
                .expressionAttributeValues(Map.of(":one", n(1), ":now", now()))
                .build());
    }

    @Override
    public ChunkStart startChunk(String batchId, int chunkIndex, boolean cancelling) {
        Map<String, AttributeValue> item = new HashMap<>(key(batchId, STARTED + chunkKey(chunkIndex)));
        item.put("expiresAt", Attributes.ttl(clock.instant().plus(RETENTION)));
        if (cancelling) {
            item.put(CANCELLED_AT, now());
        }
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(" + PK + ")")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
            return ChunkStart.FIRST;
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() && e.item().containsKey(CANCELLED_AT) ? ChunkStart.CANCELLED : ChunkStart.AGAIN;
        }
    }

    @Override
    public String claimRepeatKey(String repeatKey, String batchId, Instant now, Duration window) {
        Map<String, AttributeValue> key = key("repeat#" + repeatKey, REPEAT_KEY);
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("holder", s(batchId));
        item.put("claimedAt", n(now.toEpochMilli()));
        item.put("expiresAt", Attributes.ttl(now.plus(window)));
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(" + PK + ") OR claimedAt < :windowStart OR holder = :me")
                    .expressionAttributeValues(Map.of(":windowStart", n(now.minus(window).toEpochMilli()),
                            ":me", s(batchId)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
            return batchId;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> holder = e.hasItem() && !e.item().isEmpty() ? e.item()
                    : dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
            return Attributes.string(holder, "holder");
        }
    }

    @Override
    public void addRepeat(String originalId, String repeatId) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(key(originalId, REPEATS))
                .updateExpression("ADD repeats :repeat SET expiresAt = if_not_exists(expiresAt, :expires)")
                .expressionAttributeValues(Map.of(":repeat", AttributeValue.fromSs(List.of(repeatId)),
                        ":expires", Attributes.ttl(clock.instant().plus(RETENTION))))
                .build());
    }

    @Override
    public Set<String> repeatsOf(String originalId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(originalId, REPEATS))
                .consistentRead(true)).item();
        return item == null || !item.containsKey("repeats") ? Set.of() : Set.copyOf(item.get("repeats").ss());
    }

    @Override
    public boolean completeRepeat(String repeatId, BatchRecord original, String error, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":at", s(at.toString()), ":now", now(),
                ":context", s(BatchTableFormats.encodeContext(original.context())),
                ":processed", n(original.counts().processed()), ":succeeded", n(original.counts().succeeded()),
                ":failed", n(original.counts().failed())));
        String set = "SET #status = :to, completedAt = if_not_exists(completedAt, :at), updatedAt = :now,"
                + " #context = :context, processedRows = :processed, succeededRows = :succeeded, failedRows = :failed";
        if (error != null) {
            values.put(":error", s(error));
            set += ", #error = :error";
        }
        try {
            dynamo.updateItem(moveTo(repeatId, BatchStatus.AGGREGATING, "", values).updateExpression(set)
                    .expressionAttributeNames(error == null ? Map.of("#status", STATUS, "#context", CONTEXT)
                            : Map.of("#status", STATUS, "#context", CONTEXT, "#error", "error"))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : Map.of();
            return !old.isEmpty() && BatchStatus.valueOf(Attributes.string(old, STATUS)).isFinished();
        }
    }

    @Override
    public Cancel cancel(String batchId, Instant at) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(key(batchId, BATCH))
                    .updateExpression("SET " + CANCELLED_AT + " = if_not_exists(" + CANCELLED_AT + ", :at),"
                            + " updatedAt = :now")
                    .conditionExpression("#status IN (:splitting, :running) AND attribute_not_exists(#repeatOf)"
                            + " AND attribute_not_exists(#error)")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#repeatOf", REPEAT_OF, "#error", "error"))
                    .expressionAttributeValues(Map.of(":at", s(at.toString()), ":now", now(),
                            ":splitting", s(BatchStatus.SPLITTING.name()), ":running", s(BatchStatus.RUNNING.name())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
            return Cancel.CANCELLED;
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() && !e.item().isEmpty() ? Cancel.NOTHING_LEFT : Cancel.UNKNOWN;
        }
    }

    @Override
    public void markFinished(String batchId, BatchStatus outcome, Instant at) {
        try {
            dynamo.updateItem(moveTo(batchId, outcome, "", Map.of(":at", s(at.toString())))
                    .updateExpression("SET #status = :to, finishedAt = if_not_exists(finishedAt, :at) REMOVE #open")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#open", OPEN)).build());
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("batch " + batchId + " cannot become " + outcome + " from where it is", e);
        }
    }

    private static Map<String, AttributeValue> key(String batchId, String item) {
        return Map.of(PK, s(batchId), SK, s(item));
    }

    /** Zero-padded so that the sort key orders chunks numerically. */
    private static String chunkKey(int chunkIndex) {
        return CHUNK + String.format("%09d", chunkIndex);
    }

    private static BatchRecord toRecord(Map<String, AttributeValue> item) {
        String context = Attributes.string(item, CONTEXT);
        SourceObject source = new SourceObject(Attributes.string(item, "bucket"), Attributes.string(item, "key"),
                Attributes.string(item, "versionId"), Attributes.string(item, "eTag"),
                Attributes.string(item, "sequencer"), Attributes.number(item, "size"));
        return new BatchRecord(item.get(PK).s(), BatchKind.valueOf(Attributes.string(item, "kind")), source,
                BatchStatus.valueOf(Attributes.string(item, STATUS)),
                new BatchRecord.Counts(Attributes.number(item, "totalRows"), Attributes.number(item, "processedRows"),
                        Attributes.number(item, "succeededRows"), Attributes.number(item, "failedRows")),
                new BatchRecord.Times(Attributes.instant(item, "startedAt"), Attributes.instant(item, "completedAt"),
                        Attributes.instant(item, "finishedAt"), Attributes.instant(item, CANCELLED_AT)),
                Attributes.string(item, "error"), (int) Attributes.number(item, AGGREGATION_RESTARTS),
                context == null ? null : BatchTableFormats.decodeContext(context), Attributes.string(item, REPEAT_OF));
    }
}
