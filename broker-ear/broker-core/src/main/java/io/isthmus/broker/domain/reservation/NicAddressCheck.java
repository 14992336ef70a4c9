package io.isthmus.broker.domain.reservation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The addresses a request fixes on its NICs, checked across the whole request: a MAC is unicast and on one NIC
 * only; an IPv4 address is a host address of its segment's CIDR and on one NIC of that segment only (segments are
 * isolated, so two segments may reuse each other's addresses).
 */
final class NicAddressCheck {
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    private final List<String> problems;
    private final Set<String> macs = new HashSet<>();
    /** Per segment name: each address given so far and the NIC (field path) it was given to. */
    private final Map<String, Map<Long, String>> ipv4Holders = new HashMap<>();

    NicAddressCheck(List<String> problems) {
        this.problems = problems;
    }

    /** Checks one NIC at field path {@code at}; {@code segment} is the segment it joins, if the request has it. */
    void check(NicSpec nic, Optional<SegmentSpec> segment, String at) {
        if (nic.mac() != null) {
            mac(nic.mac(), at + ".mac");
        }
        if (nic.ipv4() != null && segment.isPresent()) {
            ipv4(nic.ipv4(), segment.get(), at);
        }
    }

    private void mac(String mac, String field) {
        if (!MAC.matcher(mac).matches()) {
            problems.add(field + ": '" + mac + "' is not a lowercase MAC address");
        } else if ((Integer.parseInt(mac.substring(0, 2), 16) & 1) == 1) {
            problems.add(field + ": " + mac + " is a multicast address; use a unicast one");
        } else if (!macs.add(mac)) {
            problems.add(field + ": " + mac + " is given to two NICs");
        }
    }

    private void ipv4(String ipv4, SegmentSpec segment, String at) {
        String field = at + ".ipv4";
        Optional<Long> address = Ipv4.parse(ipv4);
        if (address.isEmpty()) {
            problems.add(field + ": '" + ipv4 + "' is not an IPv4 address");
            return;
        }
        if (segment.cidr() != null) {
            Ipv4.parseCidr(segment.cidr()).ifPresent(cidr -> hostOf(cidr, address.get(), ipv4, segment, field));
        }
        String holder = ipv4Holders.computeIfAbsent(segment.name(), s -> new HashMap<>()).putIfAbsent(address.get(), at);
        if (holder != null) {
            problems.add(field + ": " + ipv4 + " is already given to " + holder + " on segment '" + segment.name()
                    + "'; give each NIC of a segment its own address");
        }
    }

    /** The address lies in the segment's subnet and is neither its network nor its broadcast address. */
    private void hostOf(Ipv4.Cidr cidr, long address, String ipv4, SegmentSpec segment, String field) {
        String ofSegment = " segment '" + segment.name() + "' " + segment.cidr();
        if (!cidr.contains(ipv4)) {
            problems.add(field + ": " + ipv4 + " is outside" + ofSegment);
            return;
        }
        if (cidr.prefix() > 30) {
            return; // a /31 or /32 has no network or broadcast address
        }
        long hostBits = 0xFFFFFFFFL >>> cidr.prefix();
        long network = cidr.base() & ~hostBits & 0xFFFFFFFFL;
        long broadcast = network | hostBits;
        String role = address == network ? "network" : address == broadcast ? "broadcast" : null;
        if (role != null) {
            problems.add(field + ": " + ipv4 + " is the " + role + " address of" + ofSegment + "; use a host address"
                    + " from " + dotted(network + 1) + " to " + dotted(broadcast - 1));
        }
    }

    private static String dotted(long address) {
        return (address >>> 24 & 0xFF) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "."
                + (address & 0xFF);
    }
}
