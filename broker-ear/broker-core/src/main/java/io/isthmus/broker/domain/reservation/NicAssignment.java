package io.isthmus.broker.domain.reservation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Optional;

/**
 * A NIC of a reserved node: its segment, the federation-unique MAC the broker assigned (or accepted), its fixed
 * IPv4 address if any, and the bandwidth contract derived from the request's links.
 */
@Embeddable
public class NicAssignment {
    @Column(nullable = false, length = 31)
    private String segment;
    @Column(nullable = false, length = 17)
    private String mac;
    @Column(length = 15)
    private String ipv4;
    @Column(name = "qos_min_mbps")
    private Integer qosMinMbps;
    @Column(name = "qos_max_mbps")
    private Integer qosMaxMbps;

    protected NicAssignment() {
    }

    public NicAssignment(String segment, String mac, String ipv4) {
        this(segment, mac, ipv4, Optional.empty());
    }

    public NicAssignment(String segment, String mac, String ipv4, Optional<NicBandwidth> bandwidth) {
        this.segment = segment;
        this.mac = mac;
        this.ipv4 = ipv4;
        this.qosMinMbps = bandwidth.map(NicBandwidth::minMbps).orElse(null);
        this.qosMaxMbps = bandwidth.map(NicBandwidth::maxMbps).orElse(null);
    }

    /** The NIC's bandwidth contract, if a link of the request applies to it. */
    public Optional<NicBandwidth> bandwidth() {
        return qosMinMbps == null ? Optional.empty() : Optional.of(new NicBandwidth(qosMinMbps, qosMaxMbps));
    }

    public String segment() {
        return segment;
    }

    public String mac() {
        return mac;
    }

    public String ipv4() {
        return ipv4;
    }
}
