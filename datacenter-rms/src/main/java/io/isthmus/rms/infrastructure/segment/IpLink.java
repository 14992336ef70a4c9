package io.isthmus.rms.infrastructure.segment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One line of {@code ip -o [-d] link show}: the interface name (without its {@code @peer} suffix), its flags,
 * MTU, master and, with {@code -d}, its kind and the kind's attributes (e.g. {@code vxlan id 7 remote ...}) and
 * bridge-port attributes ({@code bridge_slave ... learning off ...}).
 */
public record IpLink(String name, Set<String> flags, int mtu, Optional<String> master, Optional<String> kind,
        String kindDetails, String portDetails) {

    private static final Pattern HEAD = Pattern.compile(
            "^\\d+: ([^:@\\s]+)(?:@[^:\\s]+)?: <([^>]*)> mtu (\\d+)(.*?)(?:\\\\|$)");
    private static final Pattern MASTER = Pattern.compile(" master (\\S+)");
    /** {@code ip -o} joins a record's lines with a backslash followed by spaces. */
    private static final Pattern SECTION = Pattern.compile("\\\\\\s+");

    public IpLink {
        flags = Set.copyOf(flags);
    }

    /** Parses every line of {@code ip -o [-d] link show}; lines that are not link records are skipped. */
    public static List<IpLink> parseAll(String output) {
        return output.lines().map(IpLink::parse).flatMap(Optional::stream).toList();
    }

    public static Optional<IpLink> parse(String line) {
        Matcher head = HEAD.matcher(line);
        if (!head.find()) {
            return Optional.empty();
        }
        Set<String> flags = Arrays.stream(head.group(2).split(",")).filter(f -> !f.isEmpty())
                .collect(Collectors.toSet());
        Matcher master = MASTER.matcher(head.group(4));
        Optional<String> kind = Optional.empty();
        String kindDetails = "";
        String portDetails = "";
        String[] sections = SECTION.split(line);
        for (int i = 1; i < sections.length; i++) {
            String section = sections[i].strip();
            String word = section.split(" ", 2)[0];
            if (word.endsWith("_slave")) {
                portDetails = section;
            } else if (kind.isEmpty() && !word.startsWith("link/") && !word.equals("altname")) {
                kind = Optional.of(word);
                kindDetails = section;
            }
        }
        return Optional.of(new IpLink(head.group(1), flags, Integer.parseInt(head.group(3)),
                master.find() ? Optional.of(master.group(1)) : Optional.empty(), kind, kindDetails, portDetails));
    }

    /** Administratively up ({@code ip link set up}), whatever the carrier. */
    public boolean isUp() {
        return flags.contains("UP");
    }

    public boolean isKind(String expected) {
        return kind.filter(expected::equals).isPresent();
    }

    /** The value after {@code key} in the kind's attributes, e.g. {@code attribute("remote")}. */
    public Optional<String> attribute(String key) {
        return wordAfter(kindDetails, key);
    }

    /** The value after {@code key} in the bridge-port attributes, e.g. {@code portAttribute("learning")}. */
    public Optional<String> portAttribute(String key) {
        return wordAfter(portDetails, key);
    }

    /** A setting shown after the kind's or the port's attributes, e.g. {@code setting("addrgenmode")}. */
    public Optional<String> setting(String key) {
        return attribute(key).or(() -> portAttribute(key));
    }

    public boolean hasKindFlag(String flag) {
        return Arrays.asList(kindDetails.split(" ")).contains(flag);
    }

    private static Optional<String> wordAfter(String details, String key) {
        List<String> words = Arrays.asList(details.split(" +"));
        int at = words.indexOf(key);
        return at >= 0 && at + 1 < words.size() ? Optional.of(words.get(at + 1)) : Optional.empty();
    }
}
