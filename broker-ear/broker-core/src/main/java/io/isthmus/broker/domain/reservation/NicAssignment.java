package io.isthmus.broker.domain.reservation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A NIC of a reserved node: its segment and the federation-unique MAC the broker assigned (or accepted). */
@Embeddable
public class NicAssignment {
    @Column(nullable = false, length = 31)
    private String segment;
    @Column(nullable = false, length = 17)
    private String mac;
    @Column(length = 15)
    private String ipv4;

    protected NicAssignment() {
    }

    public NicAssignment(String segment, String mac, String ipv4) {
        this.segment = segment;
        this.mac = mac;
        this.ipv4 = ipv4;
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
