package io.invitations.local.bench;

import java.util.Map;
import java.util.TreeMap;

/** Requests by {@code Service.Operation}, and DynamoDB capacity units consumed. */
public record ApiCounts(Map<String, Long> requests, double writeUnits, double readUnits) {
    public ApiCounts {
        requests = Map.copyOf(requests);
    }

    public static ApiCounts none() {
        return new ApiCounts(Map.of(), 0, 0);
    }

    public long requests(String service) {
        return requests.entrySet().stream().filter(e -> e.getKey().startsWith(service + "."))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public long request(String operation) {
        return requests.getOrDefault(operation, 0L);
    }

    public ApiCounts plus(ApiCounts other) {
        Map<String, Long> sum = new TreeMap<>(requests);
        other.requests.forEach((name, count) -> sum.merge(name, count, Long::sum));
        return new ApiCounts(sum, writeUnits + other.writeUnits, readUnits + other.readUnits);
    }

    public ApiCounts minus(ApiCounts earlier) {
        Map<String, Long> difference = new TreeMap<>(requests);
        earlier.requests.forEach((name, count) -> difference.merge(name, -count, Long::sum));
        difference.values().removeIf(count -> count == 0);
        return new ApiCounts(difference, writeUnits - earlier.writeUnits, readUnits - earlier.readUnits);
    }
}
