package io.invitations.local;

import io.invitations.aws.AwsClients;
import io.invitations.aws.AwsPipeline;
import io.invitations.aws.Operations;
import io.invitations.batch.BatchSummary;
import io.invitations.local.runtime.LocalClients;
import io.invitations.local.runtime.LocalResources;
import io.invitations.stack.StackSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.time.Clock;

/**
 * Runs the real aggregator for one export batch in a JVM of its own (started by {@link LargeExportTest} with a
 * small fixed heap), against the embedded servers of the parent JVM. Prints the summary and the peak heap.
 */
public final class ExportInSmallHeap {
    private ExportInSmallHeap() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        AwsClients clients = LocalClients.forEndpoints(new AwsClients.Endpoints(URI.create(args[0]),
                URI.create(args[1]), URI.create(args[2])), null, AwsClients.Http.URL_CONNECTION);
        LocalResources resources = LocalResources.create(clients, StackSettings.template());
        BatchSummary summary = new AwsPipeline(clients, resources.config(), Operations.none(), Clock.systemUTC()).services().aggregator()
                .aggregate(args[3]);
        // What survives collections is what the export holds on to: the old generation's peak.
        long oldPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && !pool.getName().contains("Eden")
                        && !pool.getName().contains("Survivor"))
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).max().orElse(0);
        System.out.printf("exported=%d seconds=%.1f max_heap_mb=%d old_gen_peak_mb=%d%n", summary.total(),
                (System.nanoTime() - started) / 1e9, Runtime.getRuntime().maxMemory() >> 20, oldPeak >> 20);
    }
}
