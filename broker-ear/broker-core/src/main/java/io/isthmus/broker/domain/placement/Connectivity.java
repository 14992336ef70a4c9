package io.isthmus.broker.domain.placement;

/**
 * How two L1 nodes reach each other, after Emulab's {@code assign} classes (DEVA): on one host, through one
 * switch, through a switch fabric, or through a router. A site declares the class that holds between any two of
 * its hosts; each class has the one-way latency it guarantees. Between sites the measured inter-site latency holds.
 */
public enum Connectivity {
    SAME_HOST(0.0),
    INTRA_SWITCH(0.05),
    INTER_SWITCH(0.2),
    INTER_ROUTER(1.0);

    private final double latencyMs;

    Connectivity(double latencyMs) {
        this.latencyMs = latencyMs;
    }

    public double latencyMs() {
        return latencyMs;
    }
}
