package io.isthmus.rms.domain.qos;

/** A packet rate in packets per second, never negative; {@link #UNLIMITED} stands for "no cap". */
public record PacketRate(long perSecond) implements Comparable<PacketRate> {

    public static final PacketRate UNLIMITED = new PacketRate(Long.MAX_VALUE);
    public static final PacketRate ZERO = new PacketRate(0);

    public PacketRate {
        if (perSecond < 0) {
            throw new IllegalArgumentException("packet rate " + perSecond + " pkt/s is negative: use 0 or more");
        }
    }

    public static PacketRate of(long perSecond) {
        return new PacketRate(perSecond);
    }

    public boolean isLimited() {
        return perSecond != Long.MAX_VALUE;
    }

    public PacketRate min(PacketRate other) {
        return perSecond <= other.perSecond ? this : other;
    }

    @Override
    public int compareTo(PacketRate other) {
        return Long.compare(perSecond, other.perSecond);
    }

    @Override
    public String toString() {
        return isLimited() ? perSecond + "pkt/s" : "unlimited";
    }
}
