package io.isthmus.rms.domain.placement;

import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.site.Resources;
import io.isthmus.rms.domain.site.SiteId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Explains in numbers why a node fits on no host, naming the first dimension that falls short: memory, cores,
 * disk, then the bandwidth its NIC contracts guarantee against the host link.
 */
record Shortfall(SiteId site, NodeSpec node, List<HostCalendar> calendars, TimeWindow window) {

    String explain() {
        List<HostCalendar> eligible = calendars.stream()
                .filter(c -> node.requestedHost().map(h -> h.equals(c.host().name())).orElse(true))
                .toList();
        if (eligible.isEmpty()) {
            return "node " + node.name() + " asks for host " + node.requestedHost().orElseThrow()
                    + ", which is not a host of " + site;
        }
        String where = node.requestedHost().map(h -> "host " + h).orElse("the largest free host");
        if (node.nestedVirtualization()) {
            eligible = eligible.stream().filter(c -> c.host().nestedVirtualization()).toList();
            if (eligible.isEmpty()) {
                return "node " + node.name() + " needs nested virtualisation; "
                        + node.requestedHost().map(h -> "host " + h + " at " + site + " does not offer it")
                                .orElse("no host at " + site + " offers it");
            }
        }
        List<Resources> free = eligible.stream().map(c -> c.free(window)).toList();
        Resources need = node.demand();
        long memory = largest(free, Resources::memoryMib);
        if (memory < need.memoryMib()) {
            return prefix(need.memoryMib(), memory, "memory", where, true);
        }
        long cores = largest(free, Resources::cores);
        if (cores < need.cores()) {
            return prefix(need.cores(), cores, "cores", where, false);
        }
        long disk = largest(free, Resources::diskGib);
        if (disk < need.diskGib()) {
            return "node " + node.name() + " needs " + need.diskGib() + " GiB disk; " + where + " at " + site
                    + " during the window " + window + " has " + disk + " GiB";
        }
        List<HostCalendar> roomy = eligible.stream().filter(c -> c.free(window).coversCompute(need)).toList();
        if (!roomy.isEmpty()) {
            return bandwidth(roomy);
        }
        return "node " + node.name() + " needs " + need + " on one host; no host at " + site
                + " has all of them free at once during the window " + window;
    }

    /**
     * The node fits these hosts but for its guarantees: names the one with the most bandwidth left, what it
     * guarantees at most at once during the window, what the node needs and the link.
     */
    private String bandwidth(List<HostCalendar> roomy) {
        HostCalendar best = roomy.stream()
                .max(Comparator.comparingLong((HostCalendar c) -> c.free(window).guaranteedMbps())
                        .thenComparing(c -> c.host().name().value(), Comparator.reverseOrder()))
                .orElseThrow();
        long link = best.host().total().guaranteedMbps();
        long guaranteed = best.peakUsage(window).guaranteedMbps();
        long left = best.free(window).guaranteedMbps();
        return "host " + best.host().name() + " at " + site + " guarantees " + mbps(guaranteed) + " of its "
                + mbps(link) + " Mbit/s during the window " + window + "; node " + node.name() + " needs "
                + mbps(node.demand().guaranteedMbps()) + " Mbit/s more (" + mbps(left) + " left"
                + (roomy.size() > 1 ? ", the most of any host with room for its cores, memory and disk" : "")
                + ")";
    }

    /** 9800 reads "9,800". */
    static String mbps(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private String prefix(long need, long have, String what, String where, boolean memory) {
        String needText = memory ? mebibytes(need) + " memory" : need + " " + what;
        String haveText = memory ? mebibytes(have) : have + " " + what;
        return "node " + node.name() + " needs " + needText + "; " + where + " at " + site
                + " during the window " + window + " has " + haveText;
    }

    private static long largest(List<Resources> free, ToLongFunction<Resources> dimension) {
        return free.stream().mapToLong(dimension).max().orElse(0);
    }

    /** 65536 MiB reads "64 GiB"; amounts that are not whole GiB stay in MiB. */
    static String mebibytes(long mib) {
        return mib % 1024 == 0 ? (mib / 1024) + " GiB" : mib + " MiB";
    }
}
