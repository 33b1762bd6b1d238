package io.invitations.local.bench;

import java.util.Map;

/**
 * What a batch costs on AWS, from counted requests and measured durations: us-east-1 on-demand list prices,
 * free tiers left out. Prices as published on the pages named, read on 2026-11-24.
 */
final class CostModel {
    /** aws.amazon.com/lambda/pricing: $0.20 per million requests. */
    static final double LAMBDA_PER_REQUEST = 0.20 / 1e6;
    /** aws.amazon.com/lambda/pricing: $0.0000166667 per GB-second (x86, first 6 billion GB-s a month). */
    static final double LAMBDA_PER_GB_SECOND = 0.0000166667;
    /** aws.amazon.com/sqs/pricing: standard queues, $0.40 per million requests (each 64 KB chunk a request). */
    static final double SQS_PER_REQUEST = 0.40 / 1e6;
    /** aws.amazon.com/dynamodb/pricing/on-demand: $0.625 per million write request units (since 2024-11-01). */
    static final double DYNAMODB_PER_WRITE_UNIT = 0.625 / 1e6;
    /** aws.amazon.com/dynamodb/pricing/on-demand: $0.125 per million read request units. */
    static final double DYNAMODB_PER_READ_UNIT = 0.125 / 1e6;
    /** aws.amazon.com/s3/pricing: PUT, COPY, POST, LIST requests, $0.005 per 1,000 (S3 Standard). */
    static final double S3_PER_WRITE_REQUEST = 0.005 / 1000;
    /** aws.amazon.com/s3/pricing: GET and all other requests, $0.0004 per 1,000. */
    static final double S3_PER_READ_REQUEST = 0.0004 / 1000;
    /** aws.amazon.com/step-functions/pricing: Standard workflows, $0.025 per 1,000 state transitions. */
    static final double SFN_PER_STATE_TRANSITION = 0.025 / 1000;
    /**
     * A Distributed Map child execution (Standard) of one Lambda task: it starts, enters the task, succeeds;
     * docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html bills each child's transitions.
     */
    static final int SFN_TRANSITIONS_PER_CHILD = 3;

    /** aws.amazon.com/kms/pricing: $0.03 per 10,000 requests to a symmetric key. */
    static final double KMS_PER_REQUEST = 0.03 / 10_000;
    /** SQS, "How do I estimate my AWS KMS usage costs?": R = B / D * (2P + C) per queue, here for one reuse period. */
    static final int SQS_KEY_REQUESTS_PER_DAY = 2 * 1 + 1 // work queue: the splitter sends, the worker receives
            + 2 * 4 + 1 // completions: the splitter, worker, dead-letter function and sweeper send; the aggregator receives
            + 1;        // the work queue's DLQ: the dead-letter function receives (SQS itself moves dead letters)
    /** The (role, table) pairs of the functions' policies: DynamoDB keeps a table key per caller for 5 minutes. */
    static final int DYNAMODB_ROLE_TABLE_PAIRS = 2 + 4 + 3 + 2 + 3;
    private static final double TABLE_KEY_SECONDS = 300;

    private CostModel() {
    }

    /**
     * The stack's KMS key for {@code scaleRows} rows: the requests if no key were ever reused (one per S3 object
     * request, SQS message request and DynamoDB request counted), and as the stack reuses them: an S3 Bucket Key
     * (at most one request per object request), SQS data keys reused for a day (per principal and queue), DynamoDB
     * table keys kept per caller for 5 minutes of use (over the run's duration, scaled).
     */
    record KeyRequests(double unreused, double reused) {
        double unreusedCost() {
            return unreused * KMS_PER_REQUEST;
        }

        double reusedCost() {
            return reused * KMS_PER_REQUEST;
        }
    }

    static KeyRequests keyRequests(ApiCounts counts, double seconds, long rows, long scaleRows) {
        double scale = (double) scaleRows / rows;
        long s3 = counts.requests().entrySet().stream().filter(e -> e.getKey().startsWith("S3.")
                && usesObjectKey(e.getKey().substring(3))).mapToLong(Map.Entry::getValue).sum();
        long sqs = counts.request("Sqs.SendMessage") + counts.request("Sqs.SendMessageBatch")
                + counts.request("Sqs.ReceiveMessage");
        long dynamodb = counts.requests("DynamoDb");
        double tableKeyPeriods = Math.ceil(seconds * scale / TABLE_KEY_SECONDS);
        return new KeyRequests(scale * (s3 + sqs + dynamodb),
                scale * s3 + SQS_KEY_REQUESTS_PER_DAY + DYNAMODB_ROLE_TABLE_PAIRS * tableKeyPeriods);
    }

    private static boolean usesObjectKey(String operation) {
        return operation.equals("GetObject") || operation.equals("PutObject") || operation.equals("CreateMultipartUpload")
                || operation.equals("UploadPart") || operation.equals("CompleteMultipartUpload");
    }

    /** A cost in dollars, by kind. */
    record Cost(double lambda, double sqs, double dynamodb, double s3, double stepFunctions) {
        double total() {
            return lambda + sqs + dynamodb + s3 + stepFunctions;
        }
    }

    /**
     * This pipeline: every counted request and capacity unit, and the handlers' measured run time at
     * {@code memoryMb}, scaled from {@code rows} to {@code scaleRows}.
     */
    static Cost pipeline(ApiCounts counts, long invocations, double handlerSeconds, int memoryMb, long rows,
                         long scaleRows) {
        double scale = (double) scaleRows / rows;
        return new Cost(scale * lambda(invocations, handlerSeconds, memoryMb),
                scale * counts.requests("Sqs") * SQS_PER_REQUEST,
                scale * (counts.writeUnits() * DYNAMODB_PER_WRITE_UNIT + counts.readUnits() * DYNAMODB_PER_READ_UNIT),
                scale * s3(counts), 0);
    }

    /** The write floor: the items a successful row stores, one write each, and nothing else. */
    static Cost writeFloor(double writeUnitsPerRow, long scaleRows) {
        return new Cost(0, 0, writeUnitsPerRow * scaleRows * DYNAMODB_PER_WRITE_UNIT, 0, 0);
    }

    /**
     * Step Functions Distributed Map doing the same work: the CSV read by the map's item reader, batches of
     * {@code rowsPerBatch} rows, one Standard child execution and one Lambda invocation per batch (at the
     * measured run time per batch of this pipeline's worker), the same floor writes, one results object.
     */
    static Cost distributedMap(double writeUnitsPerRow, double lambdaSecondsPerBatch, int memoryMb, int rowsPerBatch,
                               long scaleRows) {
        long batches = (scaleRows + rowsPerBatch - 1) / rowsPerBatch;
        return new Cost(lambda(batches, batches * lambdaSecondsPerBatch, memoryMb), 0,
                writeUnitsPerRow * scaleRows * DYNAMODB_PER_WRITE_UNIT, 2 * S3_PER_READ_REQUEST + 2 * S3_PER_WRITE_REQUEST,
                (batches * SFN_TRANSITIONS_PER_CHILD + 4) * SFN_PER_STATE_TRANSITION);
    }

    private static double lambda(long invocations, double seconds, int memoryMb) {
        return invocations * LAMBDA_PER_REQUEST + seconds * (memoryMb / 1024.0) * LAMBDA_PER_GB_SECOND;
    }

    private static double s3(ApiCounts counts) {
        long writes = counts.requests().entrySet().stream().filter(e -> e.getKey().startsWith("S3.")
                        && isS3Write(e.getKey().substring(3))).mapToLong(Map.Entry::getValue).sum();
        return writes * S3_PER_WRITE_REQUEST + (counts.requests("S3") - writes) * S3_PER_READ_REQUEST;
    }

    private static boolean isS3Write(String operation) {
        return operation.startsWith("Put") || operation.startsWith("Copy") || operation.startsWith("List")
                || operation.equals("CreateMultipartUpload") || operation.equals("UploadPart")
                || operation.equals("CompleteMultipartUpload");
    }
}
