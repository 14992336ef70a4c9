package io.isthmus.broker.domain.site;

/** A segment's federation-wide id on the wire (VXLAN VNI / GRE key): 1 to 16,777,215. */
public record Vni(int value) {
    public static final int MAX = 16_777_215;

    public Vni {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException("VNI " + value + " is outside 1.." + MAX);
        }
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
