package io.isthmus.broker.domain.reservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what the XSD cannot: references between parts of the request, uniqueness, the time window and
 * addresses. Every problem found is reported at once, each naming the field to fix.
 */
public final class VirtualInfrastructureValidator {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final Set<String> TUNNEL_KINDS = Set.of("vxlan", "gretap", "openvpn");

    private VirtualInfrastructureValidator() {
    }

    /**
     * How far ahead a window may end and how long it may last, in days.
     *
     * @param horizonDays a window must end within this many days from now
     * @param maxLengthDays a window may last at most this many days
     */
    public record WindowLimits(long horizonDays, long maxLengthDays) {
        public WindowLimits {
            if (horizonDays <= 0 || maxLengthDays <= 0) {
                throw new IllegalArgumentException("window limits must be positive numbers of days, not horizon "
                        + horizonDays + " and maximum length " + maxLengthDays);
            }
        }
    }

    /** Throws a {@link ValidationException} listing every problem of the request received at {@code now}. */
    public static void validate(VirtualInfrastructureSpec vi, Instant now, WindowLimits limits) {
        List<String> problems = new ArrayList<>();
        name("tenant", vi.tenant(), problems);
        WindowCheck.check(vi.window(), now, limits, problems);
        segments(vi, problems);
        nodes(vi, problems);
        links(vi, problems);
        groups("affinityGroup", vi.constraints().affinity(), vi, problems);
        groups("antiAffinityGroup", vi.constraints().antiAffinity(), vi, problems);
        pins(vi, problems);
        gateway(vi.requesterGateway(), problems);
        if (!problems.isEmpty()) {
            throw new ValidationException("the virtual infrastructure request has " + problems.size()
                    + " problem(s): " + String.join("; ", problems), problems);
        }
    }

    private static void segments(VirtualInfrastructureSpec vi, List<String> problems) {
        Set<String> names = new HashSet<>();
        Set<Integer> vlans = new HashSet<>();
        for (int i = 0; i < vi.segments().size(); i++) {
            SegmentSpec s = vi.segments().get(i);
            String at = "segment[" + i + "]";
            name(at + ".name", s.name(), problems);
            if (!names.add(s.name())) {
                problems.add(at + ".name: segment '" + s.name() + "' is declared twice");
            }
            if (s.vlan() < 1 || s.vlan() > 4094) {
                problems.add(at + ".vlan: " + s.vlan() + " is outside 1-4094");
            } else if (!vlans.add(s.vlan())) {
                problems.add(at + ".vlan: VLAN " + s.vlan() + " is used by another segment of this request");
            }
            if (s.cidr() != null) {
                Ipv4.parseCidr(s.cidr()).ifPresentOrElse(c -> {
                    if (c.prefix() < 8 || c.prefix() > 30) {
                        problems.add(at + ".cidr: " + s.cidr() + " has prefix length " + c.prefix()
                                + "; a segment's prefix length must be 8 to 30, the subnets a site configures");
                    }
                }, () -> problems.add(at + ".cidr: '" + s.cidr() + "' is not an IPv4 CIDR"));
            }
        }
    }

    private static void nodes(VirtualInfrastructureSpec vi, List<String> problems) {
        Set<String> names = new HashSet<>();
        NicAddressCheck addresses = new NicAddressCheck(problems);
        for (int i = 0; i < vi.nodes().size(); i++) {
            NodeSpec n = vi.nodes().get(i);
            String at = "node[" + i + "]";
            name(at + ".name", n.name(), problems);
            if (!names.add(n.name())) {
                problems.add(at + ".name: node '" + n.name() + "' is declared twice");
            }
            if (n.vcpus() < 1 || n.memoryMib() < 128 || n.diskGib() < 1) {
                problems.add(at + ": needs at least 1 vCPU, 128 MiB memory and 1 GiB disk");
            }
            for (int j = 0; j < n.nics().size(); j++) {
                NicSpec nic = n.nics().get(j);
                String nicAt = at + ".nic[" + j + "]";
                var segment = vi.segment(nic.segment());
                if (segment.isEmpty()) {
                    problems.add(nicAt + ".segment: no segment named '" + nic.segment() + "' in this request");
                }
                addresses.check(nic, segment, nicAt);
            }
        }
    }

    private static void links(VirtualInfrastructureSpec vi, List<String> problems) {
        for (int i = 0; i < vi.links().size(); i++) {
            LinkSpec l = vi.links().get(i);
            String at = "link[" + i + "]";
            if (l.isSegmentWide()) {
                if (vi.segment(l.segment()).isEmpty()) {
                    problems.add(at + ".segment: no segment named '" + l.segment() + "'");
                }
                continue;
            }
            for (String end : new String[] {l.a(), l.b()}) {
                if (vi.node(end).isEmpty()) {
                    problems.add(at + ".nodes: no node named '" + end + "'");
                }
            }
            if (l.a() != null && l.a().equals(l.b())) {
                problems.add(at + ".nodes: a link joins two different nodes, not '" + l.a() + "' to itself");
            }
        }
    }

    private static void groups(String kind, List<NodeGroup> groups, VirtualInfrastructureSpec vi,
                               List<String> problems) {
        for (NodeGroup g : groups) {
            Set<String> named = new HashSet<>();
            for (String node : g.nodes()) {
                if (!named.add(node)) {
                    problems.add(kind + "[" + g.name() + "]: node '" + node + "' is named twice; name each node once");
                } else if (vi.node(node).isEmpty()) {
                    problems.add(kind + "[" + g.name() + "]: no node named '" + node + "'");
                }
            }
        }
    }

    private static void pins(VirtualInfrastructureSpec vi, List<String> problems) {
        Set<String> pinned = new HashSet<>();
        List<String> allowed = vi.constraints().allowedSites();
        for (PlacementConstraints.Pin p : vi.constraints().pins()) {
            String at = "pin[" + p.node() + "]";
            if (vi.node(p.node()).isEmpty()) {
                problems.add(at + ".node: no node named '" + p.node() + "'");
            }
            if (!pinned.add(p.node())) {
                problems.add(at + ": node '" + p.node() + "' is pinned twice");
            }
            if (!allowed.isEmpty() && !allowed.contains(p.site())) {
                problems.add(at + ".site: '" + p.site() + "' is not among the allowed sites " + allowed);
            }
        }
    }

    private static void gateway(GatewaySpec gw, List<String> problems) {
        if (gw == null) {
            problems.add("requesterGateway: required");
            return;
        }
        name("requesterGateway.id", gw.id(), problems);
        if (!TUNNEL_KINDS.contains(gw.tunnelKind())) {
            problems.add("requesterGateway.tunnelKind: '" + gw.tunnelKind() + "' is not one of " + TUNNEL_KINDS);
        }
    }

    private static void name(String field, String value, List<String> problems) {
        if (value == null || !NAME.matcher(value).matches()) {
            problems.add(field + ": '" + value + "' must be lowercase letters, digits or '-', starting with a"
                    + " letter, at most 31 characters");
        }
    }
}
