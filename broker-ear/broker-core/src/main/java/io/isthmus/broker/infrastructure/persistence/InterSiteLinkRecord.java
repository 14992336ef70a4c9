package io.isthmus.broker.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A configured inter-site link; its row is the lock that serialises bookings on the link. */
@Entity
@Table(name = "inter_site_link")
public class InterSiteLinkRecord {
    @Id
    @Column(length = 80)
    private String pair;
    @Column(name = "capacity_mbps", nullable = false)
    private long capacityMbps;
    @Column(name = "latency_ms", nullable = false)
    private double latencyMs;

    protected InterSiteLinkRecord() {
    }

    InterSiteLinkRecord(String pair, long capacityMbps, double latencyMs) {
        this.pair = pair;
        update(capacityMbps, latencyMs);
    }

    void update(long capacity, double latency) {
        this.capacityMbps = capacity;
        this.latencyMs = latency;
    }

    String pair() {
        return pair;
    }

    long capacityMbps() {
        return capacityMbps;
    }

    double latencyMs() {
        return latencyMs;
    }
}
