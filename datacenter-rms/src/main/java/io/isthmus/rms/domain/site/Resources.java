package io.isthmus.rms.domain.site;

/**
 * An amount of host capacity: cores, memory (MiB), disk (GiB) and guaranteed bandwidth (Mbit/s) on the host's
 * link. For a host the last is its link capacity; for a node the sum of the minimum bandwidth its NICs' contracts
 * guarantee. Never negative.
 */
public record Resources(int cores, long memoryMib, long diskGib, long guaranteedMbps) {

    public static final Resources NONE = new Resources(0, 0, 0, 0);

    public Resources {
        if (cores < 0 || memoryMib < 0 || diskGib < 0 || guaranteedMbps < 0) {
            throw new IllegalArgumentException("resources cannot be negative: " + cores + " cores, "
                    + memoryMib + " MiB, " + diskGib + " GiB, " + guaranteedMbps + " Mbit/s guaranteed");
        }
    }

    public Resources plus(Resources other) {
        return new Resources(cores + other.cores, memoryMib + other.memoryMib, diskGib + other.diskGib,
                guaranteedMbps + other.guaranteedMbps);
    }

    /** What is left of this amount after {@code used}; a dimension that is over-used counts as zero left. */
    public Resources minusFloored(Resources used) {
        return new Resources(Math.max(0, cores - used.cores), Math.max(0, memoryMib - used.memoryMib),
                Math.max(0, diskGib - used.diskGib), Math.max(0, guaranteedMbps - used.guaranteedMbps));
    }

    /** The larger of the two amounts in every dimension. */
    public Resources max(Resources other) {
        return new Resources(Math.max(cores, other.cores), Math.max(memoryMib, other.memoryMib),
                Math.max(diskGib, other.diskGib), Math.max(guaranteedMbps, other.guaranteedMbps));
    }

    public boolean covers(Resources demand) {
        return coversCompute(demand) && guaranteedMbps >= demand.guaranteedMbps;
    }

    /** True when cores, memory and disk suffice, whatever the bandwidth. */
    public boolean coversCompute(Resources demand) {
        return cores >= demand.cores && memoryMib >= demand.memoryMib && diskGib >= demand.diskGib;
    }

    @Override
    public String toString() {
        return cores + " cores, " + memoryMib + " MiB memory, " + diskGib + " GiB disk"
                + (guaranteedMbps > 0 ? ", " + guaranteedMbps + " Mbit/s guaranteed" : "");
    }
}
