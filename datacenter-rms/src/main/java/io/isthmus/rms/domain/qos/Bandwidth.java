package io.isthmus.rms.domain.qos;

/** A bit rate in kbit/s (1 kbit = 1000 bit), never negative. */
public record Bandwidth(long kbps) implements Comparable<Bandwidth> {

    public static final Bandwidth ZERO = new Bandwidth(0);

    public Bandwidth {
        if (kbps < 0) {
            throw new IllegalArgumentException("bandwidth " + kbps + " kbit/s is negative: use 0 or more");
        }
    }

    public static Bandwidth ofKbps(long kbps) {
        return new Bandwidth(kbps);
    }

    public static Bandwidth ofMbps(long mbps) {
        if (mbps < 0 || mbps > Long.MAX_VALUE / 1000) {
            throw new IllegalArgumentException("bandwidth " + mbps + " Mbit/s is out of range: use 0 or more");
        }
        return new Bandwidth(mbps * 1000);
    }

    public Bandwidth plus(Bandwidth other) {
        return new Bandwidth(Math.addExact(kbps, other.kbps));
    }

    public Bandwidth min(Bandwidth other) {
        return kbps <= other.kbps ? this : other;
    }

    @Override
    public int compareTo(Bandwidth other) {
        return Long.compare(kbps, other.kbps);
    }

    @Override
    public String toString() {
        return kbps + "kbit/s";
    }
}
