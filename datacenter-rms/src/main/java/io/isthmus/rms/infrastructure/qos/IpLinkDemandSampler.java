package io.isthmus.rms.infrastructure.qos;

import io.isthmus.rms.domain.qos.Demand;
import io.isthmus.rms.domain.qos.DemandSampler;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandException;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Measures the demand of host-side ports from their transmit counters: one {@code ip [-n <host>] -s -j link show}
 * per period, the growth since the previous sample divided by the time between them. This is the traffic the port
 * carried towards its VM; a port held at its ceil carries its ceil, which the allocator then reads as wanting at
 * least that much. A port seen for the first time (or recreated) has no earlier sample and counts as idle.
 */
public final class IpLinkDemandSampler implements DemandSampler {

    private final CommandRunner runner;
    private final Optional<NamespaceName> namespace;
    private final LongSupplier nanoTime;
    private final Map<VifId, LinkCounters> previous = new HashMap<>();
    private long previousAt;

    public IpLinkDemandSampler(CommandRunner runner, Optional<NamespaceName> namespace, LongSupplier nanoTime) {
        this.runner = runner;
        this.namespace = namespace;
        this.nanoTime = nanoTime;
    }

    /** A sampler of the ports in {@code namespace} on the monotonic clock. */
    public static IpLinkDemandSampler in(CommandRunner runner, Optional<NamespaceName> namespace) {
        return new IpLinkDemandSampler(runner, namespace, System::nanoTime);
    }

    @Override
    public synchronized Map<VifId, Demand> sample(Set<VifId> ports) {
        Map<String, LinkCounters> now = LinkCounters.parse(listStatistics().stdout());
        long at = nanoTime.getAsLong();
        Map<VifId, Demand> demand = new HashMap<>();
        Map<VifId, LinkCounters> seen = new HashMap<>();
        for (VifId port : ports) {
            LinkCounters counters = now.get(port.value());
            if (counters == null) {
                continue;
            }
            seen.put(port, counters);
            LinkCounters before = previous.get(port);
            if (before != null && at > previousAt) {
                demand.put(port, counters.since(before, Duration.ofNanos(at - previousAt)));
            }
        }
        previous.clear();
        previous.putAll(seen);
        previousAt = at;
        return demand;
    }

    private CommandResult listStatistics() {
        List<String> command = new ArrayList<>(List.of("ip"));
        namespace.ifPresent(ns -> command.addAll(List.of("-n", ns.value())));
        command.addAll(List.of("-s", "-j", "link", "show"));
        CommandResult result;
        try {
            result = runner.run(command);
        } catch (CommandException e) {
            throw new QosException("could not read the port counters: " + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            throw new QosException("could not read the port counters in "
                    + namespace.map(ns -> "namespace " + ns).orElse("the host namespace") + ": " + result.describe()
                    + "; check that the namespace exists and that the RMS runs as root");
        }
        return result;
    }
}
