package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The UDP ports openvpn may listen on at this gateway ({@code gateway.openvpnPorts}, e.g. {@code 11940-12039}). */
public record UdpPortRange(int first, int last) {

    public static final UdpPortRange DEFAULT = new UdpPortRange(11940, 12039);
    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");

    public UdpPortRange {
        requirePort(first);
        requirePort(last);
        if (first > last) {
            throw new InvalidRequestException("UDP port range " + first + "-" + last + " is empty: give first-last with"
                    + " first <= last");
        }
    }

    /** Parses {@code first-last}. */
    public static UdpPortRange parse(String text) {
        Matcher m = RANGE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new InvalidRequestException("'" + text + "' is not a UDP port range: write first-last (e.g. "
                    + DEFAULT + ")");
        }
        return new UdpPortRange(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    static int requirePort(int port) {
        if (port < 1 || port > 65_535) {
            throw new InvalidRequestException("UDP port " + port + " is out of range: use 1..65535");
        }
        return port;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public int size() {
        return last - first + 1;
    }

    /** The {@code count} lowest ports of the range not in {@code used}; empty when fewer are free. */
    public Optional<List<Integer>> lowestFree(int count, Set<Integer> used) {
        List<Integer> free = new ArrayList<>();
        for (int port = first; port <= last && free.size() < count; port++) {
            if (!used.contains(port)) {
                free.add(port);
            }
        }
        return free.size() == count ? Optional.of(List.copyOf(free)) : Optional.empty();
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
