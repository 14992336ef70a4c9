package io.isthmus.broker.domain.placement;

/** What one host can still give over the whole window (least free at any instant). */
public record HostOffer(String host, int freeCores, long freeMemoryMib, long freeDiskGib, boolean nested) {
    public boolean fits(int cores, long memoryMib, long diskGib, boolean needsNested) {
        return freeCores >= cores && freeMemoryMib >= memoryMib && freeDiskGib >= diskGib
                && (nested || !needsNested);
    }

    public HostOffer minus(int cores, long memoryMib, long diskGib) {
        return new HostOffer(host, freeCores - cores, freeMemoryMib - memoryMib, freeDiskGib - diskGib, nested);
    }
}
