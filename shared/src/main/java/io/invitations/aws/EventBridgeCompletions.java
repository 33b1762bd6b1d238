package io.invitations.aws;

import io.invitations.observe.BatchFinished;
import io.invitations.observe.PipelineObserver;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes a {@link CompletionEvent} on an EventBridge bus for every finished batch. PutEvents answers 200 even
 * when it refuses an entry: a refused entry throws here, so that the aggregation is retried and the event sent
 * again.
 */
public final class EventBridgeCompletions implements PipelineObserver {
    private final EventBridgeClient events;
    private final String busName;

    public EventBridgeCompletions(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public void batchFinished(BatchFinished batch) {
        PutEventsResponse response = events.putEvents(request -> request.entries(PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(CompletionEvent.SOURCE)
                .detailType(CompletionEvent.DETAIL_TYPE)
                .detail(CompletionEvent.detail(batch))
                .build()));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            PutEventsResultEntry refused = response.entries().get(0);
            throw new IllegalStateException("EventBridge refused the completion event of batch "
                    + batch.summary().batchId() + ": " + refused.errorCode() + " " + refused.errorMessage());
        }
    }
}
