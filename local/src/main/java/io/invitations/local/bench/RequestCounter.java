package io.invitations.local.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts every request the SDK sends (each attempt, as AWS bills them) by service and operation, and the
 * DynamoDB capacity each one consumed, as the server reports it: every DynamoDB call is sent with
 * {@code ReturnConsumedCapacity=TOTAL}.
 */
public final class RequestCounter implements ExecutionInterceptor {
    /**
     * DynamoDB bills a transactional write 2 units per KB per item. DynamoDB Local reports one figure per table, not
     * per item: 16 units for a 100-byte put and an update of a 3 KB item (the price list says 8), but 4 for one,
     * two or three 100-byte puts alike (the price list says 2, 4, 6). So a table's puts are billed from their
     * items' sizes, and a table whose share has updates or deletes (whose sizes the request does not show) from
     * half of DynamoDB Local's figure.
     */
    static final double LOCAL_TRANSACTION_OVERCOUNT = 2.0;
    private static final double TRANSACTIONAL_UNITS_PER_KB = 2.0;

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final DoubleAdder readUnits = new DoubleAdder();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof PutItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof UpdateItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof DeleteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchWriteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactWriteItemsRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof GetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchGetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof QueryRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof ScanRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        requests.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        if (response instanceof PutItemResponse r) {
            writeUnits.add(units(r.consumedCapacity()));
        } else if (response instanceof UpdateItemResponse r) {
            writeUnits.add(units(r.consumedCapacity()));
        } else if (response instanceof DeleteItemResponse r) {
            writeUnits.add(units(r.consumedCapacity()));
        } else if (response instanceof BatchWriteItemResponse r) {
            writeUnits.add(units(r.consumedCapacity()));
        } else if (response instanceof TransactWriteItemsResponse r) {
            writeUnits.add(transactionUnits((TransactWriteItemsRequest) context.request(), r.consumedCapacity()));
        } else if (response instanceof GetItemResponse r) {
            readUnits.add(units(r.consumedCapacity()));
        } else if (response instanceof BatchGetItemResponse r) {
            readUnits.add(units(r.consumedCapacity()));
        } else if (response instanceof QueryResponse r) {
            readUnits.add(units(r.consumedCapacity()));
        } else if (response instanceof ScanResponse r) {
            readUnits.add(units(r.consumedCapacity()));
        }
    }

    private static double transactionUnits(TransactWriteItemsRequest request, List<ConsumedCapacity> reported) {
        Map<String, List<TransactWriteItem>> byTable = new HashMap<>();
        for (TransactWriteItem item : request.transactItems()) {
            String table = item.put() != null ? item.put().tableName() : item.update() != null
                    ? item.update().tableName() : item.delete() != null ? item.delete().tableName()
                    : item.conditionCheck().tableName();
            byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(item);
        }
        double units = 0;
        for (ConsumedCapacity capacity : reported == null ? List.<ConsumedCapacity>of() : reported) {
            List<TransactWriteItem> items = byTable.getOrDefault(capacity.tableName(), List.of());
            if (!items.isEmpty() && items.stream().allMatch(item -> item.put() != null)) {
                units += items.stream().mapToDouble(item -> TRANSACTIONAL_UNITS_PER_KB
                        * Math.ceil(ItemSize.bytes(item.put().item()) / 1024.0)).sum();
            } else {
                units += units(capacity) / LOCAL_TRANSACTION_OVERCOUNT;
            }
        }
        return units;
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }

    private static double units(List<ConsumedCapacity> capacities) {
        return capacities == null ? 0 : capacities.stream().mapToDouble(RequestCounter::units).sum();
    }

    /** What was counted so far. */
    public ApiCounts counts() {
        Map<String, Long> byOperation = new TreeMap<>();
        requests.forEach((name, count) -> byOperation.put(name, count.sum()));
        return new ApiCounts(byOperation, writeUnits.sum(), readUnits.sum());
    }
}
