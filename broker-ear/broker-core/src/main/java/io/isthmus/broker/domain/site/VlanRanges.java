package io.isthmus.broker.domain.site;

import java.util.ArrayList;
import java.util.List;

/** A set of VLAN ids written as ranges, e.g. {@code 100,101-116,200}: what a tenant may bridge at a gateway. */
public final class VlanRanges {

    private record Range(int first, int last) {
    }

    private final List<Range> ranges;

    private VlanRanges(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * @param text comma-separated VLAN ids and {@code first-last} ranges, each within 1..4094
     * @throws IllegalArgumentException naming the part that is not one
     */
    public static VlanRanges parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            try {
                int first = new VlanId(Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip())).value();
                int last = dash < 0 ? first : new VlanId(Integer.parseInt(p.substring(dash + 1).strip())).value();
                if (last < first) {
                    throw new IllegalArgumentException("range " + p + " ends before it starts");
                }
                ranges.add(new Range(first, last));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "' is not a VLAN id or a range of them (e.g. 100-116)",
                        e);
            }
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no VLAN id in '" + text + "'");
        }
        return new VlanRanges(ranges);
    }

    public boolean contains(int vlan) {
        return ranges.stream().anyMatch(r -> vlan >= r.first && vlan <= r.last);
    }

    @Override
    public String toString() {
        return String.join(",", ranges.stream()
                .map(r -> r.first == r.last ? Integer.toString(r.first) : r.first + "-" + r.last).toList());
    }
}
