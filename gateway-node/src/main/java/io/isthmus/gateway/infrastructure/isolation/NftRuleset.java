package io.isthmus.gateway.infrastructure.isolation;

import io.isthmus.gateway.domain.isolation.IsolationPolicy;
import io.isthmus.gateway.domain.shared.GatewayId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The gateway's bridge-family table {@code isthmus-<gateway id>} as {@code nft -f} input, built only from the
 * validated values of an {@link IsolationPolicy}. Named per gateway, so gateways sharing a namespace never replace
 * or delete each other's. It first creates and deletes the table, so loading it replaces any earlier version in
 * one transaction. Segment ports are matched by {@code iifname}/{@code oifname} wildcards (access ports by their
 * exact names), not
 * {@code meta ibrname}, which many kernels (this one too) refuse in the bridge family.
 */
public final class NftRuleset {

    /** The table's family. */
    public static final String FAMILY = "bridge";
    private static final String TABLE_PREFIX = "isthmus-";

    private NftRuleset() {
    }

    public static String of(IsolationPolicy policy) {
        List<String> portMatches = new ArrayList<>(policy.portPrefixes().stream().map(p -> "\"" + p + "*\"").toList());
        policy.portNames().forEach(n -> portMatches.add("\"" + n.value() + "\""));
        String ports = set(portMatches);
        String v4 = set(policy.ipv4().stream().map(Object::toString).toList());
        StringBuilder tenantFrame = new StringBuilder()
                .append("\t\tip daddr ").append(v4).append(" drop\n")
                .append("\t\tip saddr ").append(v4).append(" drop\n")
                .append("\t\tarp daddr ip ").append(v4).append(" drop\n")
                .append("\t\tarp saddr ip ").append(v4).append(" drop\n");
        if (!policy.ipv6().isEmpty()) {
            String v6 = set(policy.ipv6().stream().map(Object::toString).toList());
            tenantFrame.append("\t\tip6 daddr ").append(v6).append(" drop\n")
                    .append("\t\tip6 saddr ").append(v6).append(" drop\n");
        }
        tenantFrame.append("\t\ttcp dport ").append(set(policy.tcpPorts().stream().map(Object::toString).toList()))
                .append(" drop\n");
        String table = FAMILY + " " + table(policy.gateway());
        return "table " + table + " {\n}\n"
                + "delete table " + table + "\n"
                + "table " + table + " {\n"
                + "\tcomment \"Isthmus gateway " + policy.gateway() + ": tenant segments never reach its control plane\"\n"
                + chain("segment_in", "prerouting", "\t\tiifname " + ports + " jump tenant_frame\n")
                + "\tchain tenant_frame {\n" + tenantFrame + "\t}\n"
                + chain("host_in", "input", "\t\tiifname " + ports + " drop\n")
                + chain("host_out", "output", "\t\toifname " + ports + " drop\n")
                + "}\n";
    }

    /** The table of one gateway, e.g. {@code isthmus-gw-a} (gateway ids are lowercase letters, digits, '-'). */
    public static String table(GatewayId gateway) {
        return TABLE_PREFIX + gateway.value();
    }

    private static String chain(String name, String hook, String rules) {
        return "\tchain " + name + " {\n"
                + "\t\ttype filter hook " + hook + " priority filter; policy accept;\n"
                + rules
                + "\t}\n";
    }

    private static String set(List<String> items) {
        return items.stream().collect(Collectors.joining(", ", "{ ", " }"));
    }
}
