package io.isthmus.broker.domain.reservation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A segment of a reservation with the federation-wide VNI the broker allocated for it. */
@Embeddable
public class ReservedSegment {
    @Column(nullable = false, length = 31)
    private String name;
    private int vlan;
    @Column(length = 18)
    private String cidr;
    private int vni;

    protected ReservedSegment() {
    }

    public ReservedSegment(SegmentSpec spec, int vni) {
        this.name = spec.name();
        this.vlan = spec.vlan();
        this.cidr = spec.cidr();
        this.vni = vni;
    }

    public String name() {
        return name;
    }

    public int vlan() {
        return vlan;
    }

    public String cidr() {
        return cidr;
    }

    public int vni() {
        return vni;
    }
}
