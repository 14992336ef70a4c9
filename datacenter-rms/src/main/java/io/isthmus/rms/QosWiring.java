package io.isthmus.rms;

import io.isthmus.rms.application.qos.BandwidthRebalancer;
import io.isthmus.rms.application.qos.ShapingService;
import io.isthmus.rms.application.reservation.NodeNetwork;
import io.isthmus.rms.domain.qos.Bandwidth;
import io.isthmus.rms.domain.qos.HostLink;
import io.isthmus.rms.domain.segment.HostUnderlay;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import io.isthmus.rms.infrastructure.qos.IpLinkDemandSampler;
import io.isthmus.rms.infrastructure.qos.TcHtbQosDriver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the site's NIC shaping from the configuration. With {@code site.dataPlane=emulated} every host gets a
 * {@link BandwidthRebalancer} over a link of {@code host.<h>.linkMbps}, shaping with tc HTB (packet caps with tc
 * police, or nftables where the kernel has no police) and sampling port counters inside the host's namespace;
 * without a data plane there are no ports to shape and nothing is built.
 */
final class QosWiring {

    private QosWiring() {
    }

    static ShapingService shaping(RmsConfig config, NodeNetwork ports, CommandRunner runner) {
        Map<HostName, BandwidthRebalancer> hosts = new LinkedHashMap<>();
        config.emulatedDataPlane().ifPresent(underlay -> {
            for (HostConfig host : config.hosts()) {
                HostUnderlay where = underlay.host(host.name());
                hosts.put(host.name(), new BandwidthRebalancer(HostLink.of(Bandwidth.ofMbps(host.linkMbps())),
                        IpLinkDemandSampler.in(runner, Optional.of(where.namespace())),
                        new TcHtbQosDriver(runner, Optional.of(where.namespace()))));
            }
        });
        return new ShapingService(hosts, ports);
    }
}
