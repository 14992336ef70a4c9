package io.isthmus.broker.domain.reservation;

/**
 * QoS on a node-to-node link ({@code a}, {@code b}) or on a whole segment ({@code segment});
 * bandwidth and latency bound are optional (null).
 */
public record LinkSpec(String a, String b, String segment, Integer bandwidthMbps, Double maxLatencyMs) {
    public boolean isSegmentWide() {
        return segment != null;
    }
}
