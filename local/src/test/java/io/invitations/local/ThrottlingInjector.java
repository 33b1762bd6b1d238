package io.invitations.local;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Answers a share of the handlers' DynamoDB requests as DynamoDB does when it throttles: a 400 with
 * ProvisionedThroughputExceededException, or for transactions a TransactionCanceledException whose reason is
 * TransactionConflict. (The request itself reached the server: retries must also be idempotent.)
 */
final class ThrottlingInjector implements ExecutionInterceptor {
    private static final ExecutionAttribute<String> ERROR = new ExecutionAttribute<>("injected-error");
    private static final String THROTTLED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
            + "ProvisionedThroughputExceededException\",\"message\":\"The level of configured provisioned throughput "
            + "for the table was exceeded.\"}";
    private static final String CONFLICT = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
            + "TransactionCanceledException\",\"Message\":\"Transaction cancelled, please refer cancellation reasons "
            + "for specific reasons [TransactionConflict, None]\",\"CancellationReasons\":[{\"Code\":"
            + "\"TransactionConflict\",\"Message\":\"Transaction is ongoing for the item\"},{\"Code\":\"None\"}]}";

    private final Random random = new Random(7);
    private final AtomicLong throttles = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private volatile double probability;

    void arm(double probability) {
        this.probability = probability;
    }

    long throttles() {
        return throttles.get();
    }

    long conflicts() {
        return conflicts.get();
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        String thread = Thread.currentThread().getName();
        boolean handler = thread.startsWith("worker") || thread.startsWith("aggregator") || thread.startsWith("splitter");
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        if (!handler || !(context.request() instanceof DynamoDbRequest) || draw >= probability) {
            attributes.putAttribute(ERROR, ""); // attributes outlive an attempt: clear what an earlier one set
            return context.httpResponse();
        }
        boolean conflict = context.request() instanceof TransactWriteItemsRequest;
        (conflict ? conflicts : throttles).incrementAndGet();
        attributes.putAttribute(ERROR, conflict ? CONFLICT : THROTTLED);
        // The real body's checksum header would not match the error body.
        return context.httpResponse().toBuilder().statusCode(400).removeHeader("x-amz-crc32").build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        String error = attributes.getAttribute(ERROR);
        return error == null || error.isEmpty() ? context.responseBody()
                : Optional.of(new ByteArrayInputStream(error.getBytes(StandardCharsets.UTF_8)));
    }
}
