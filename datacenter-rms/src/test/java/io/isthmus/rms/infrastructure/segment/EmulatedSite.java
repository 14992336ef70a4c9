package io.isthmus.rms.infrastructure.segment;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.rms.domain.segment.Ipv4Address;
import io.isthmus.rms.domain.segment.SegmentPort;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A site LAN in network namespaces, all named {@code isst-<pid>-<n>…} and deleted by {@link #close()}: a LAN
 * namespace with a plain bridge, and two emulated hosts ({@code h1} 198.51.100.11, {@code h2} .12) and a
 * gateway ({@code gw} .1) each with one veth on it. {@link #gatewayCarries} builds what the real gateway
 * builds for a segment: a bridge and one VXLAN with static all-zero FDB entries to both hosts, hairpin on so
 * host 1's frames can go back out to host 2.
 */
public final class EmulatedSite implements AutoCloseable {

    public static final Ipv4Address GATEWAY = new Ipv4Address("198.51.100.1");
    public static final Ipv4Address HOST_1 = new Ipv4Address("198.51.100.11");
    public static final Ipv4Address HOST_2 = new Ipv4Address("198.51.100.12");
    /** What this project creates on a host: segment bridges and uplinks, stand-in ports. */
    public static final Pattern ISTHMUS_LINK = Pattern.compile("is(br|hx|vp)[0-9a-f]+");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    public final CommandRunner runner = new CommandRunner(Duration.ofSeconds(30));
    public final NamespaceName lan;
    public final NamespaceName gateway;
    public final NamespaceName host1;
    public final NamespaceName host2;
    private final List<NamespaceName> created = new ArrayList<>();

    private EmulatedSite(String prefix) {
        lan = new NamespaceName(prefix + "lan");
        gateway = new NamespaceName(prefix + "gw");
        host1 = new NamespaceName(prefix + "h1");
        host2 = new NamespaceName(prefix + "h2");
    }

    /** Skips the calling test unless it runs as root; otherwise builds the LAN. */
    public static EmulatedSite createAsRoot() {
        return createAsRoot("isst-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
    }

    /** As {@link #createAsRoot()}, with every namespace named {@code <prefix>lan|gw|h1|h2}. */
    public static EmulatedSite createAsRoot(String prefix) {
        assumeRoot();
        EmulatedSite site = new EmulatedSite(prefix);
        try {
            site.build();
        } catch (RuntimeException | AssertionError e) {
            site.close();
            throw e;
        }
        return site;
    }

    public static void assumeRoot() {
        assumeTrue(CommandRunner.withDefaultTimeout().run(List.of("id", "-u")).stdout().strip().equals("0"),
                "bridges, VXLAN and network namespaces need root; run the build as root (CI does)");
    }

    private void build() {
        for (NamespaceName ns : List.of(lan, gateway, host1, host2)) {
            must("ip", "netns", "add", ns.value());
            created.add(ns);
            must("ip", "-n", ns.value(), "link", "set", "lo", "up");
        }
        must("ip", "-n", lan.value(), "link", "add", "isst-lan", "type", "bridge");
        must("ip", "-n", lan.value(), "link", "set", "isst-lan", "up");
        join(gateway, "isst-lgw", GATEWAY);
        join(host1, "isst-lh1", HOST_1);
        join(host2, "isst-lh2", HOST_2);
    }

    private void join(NamespaceName member, String lanEnd, Ipv4Address address) {
        must("ip", "-n", lan.value(), "link", "add", lanEnd, "type", "veth", "peer", "name", "isst-up",
                "netns", member.value());
        must("ip", "-n", lan.value(), "link", "set", lanEnd, "master", "isst-lan", "up");
        must("ip", "-n", member.value(), "addr", "add", address + "/24", "dev", "isst-up");
        must("ip", "-n", member.value(), "link", "set", "isst-up", "up");
    }

    /** The gateway side of a segment, as the gateway node builds it in production. */
    public void gatewayCarries(Vni vni) {
        String bridge = "isst-gb" + vni;
        String vxlan = "isst-gx" + vni;
        in(gateway, "ip", "link", "add", bridge, "mtu", "1450", "type", "bridge");
        in(gateway, "ip", "link", "add", vxlan, "mtu", "1450", "type", "vxlan", "id", vni.toString(),
                "local", GATEWAY.value(), "dstport", "4790", "nolearning");
        for (Ipv4Address host : List.of(HOST_1, HOST_2)) {
            in(gateway, "bridge", "fdb", "append", "00:00:00:00:00:00", "dev", vxlan, "dst", host.value());
        }
        in(gateway, "ip", "link", "set", vxlan, "master", bridge);
        in(gateway, "bridge", "link", "set", "dev", vxlan, "hairpin", "on");
        in(gateway, "ip", "link", "set", vxlan, "up");
        in(gateway, "ip", "link", "set", bridge, "up");
    }

    public SegmentPort portOnHost1(Vni vni) {
        return SegmentPort.of(vni, HOST_1, GATEWAY).inNamespace(host1);
    }

    public SegmentPort portOnHost2(Vni vni) {
        return SegmentPort.of(vni, HOST_2, GATEWAY).inNamespace(host2);
    }

    /** The names of the interfaces in {@code ns} that this project creates (isbr, ishx, isvp). */
    public List<String> isthmusLinks(NamespaceName ns) {
        return IpLink.parseAll(in(ns, "ip", "-o", "link", "show")).stream().map(IpLink::name)
                .filter(name -> ISTHMUS_LINK.matcher(name).matches()).sorted().toList();
    }

    /**
     * The RMS settings of this site with the emulated data plane on: hosts a1 and a2 are {@link #host1} and
     * {@link #host2}, the site gateway is {@link #GATEWAY}; {@code base} holds the rest (data directory, hosts).
     */
    public Properties emulatedSettings(Properties base) {
        Properties p = new Properties();
        p.putAll(base);
        p.setProperty("site.dataPlane", "emulated");
        p.setProperty("site.gatewaySiteAddress", GATEWAY.value());
        p.setProperty("host.a1.namespace", host1.value());
        p.setProperty("host.a1.lanAddress", HOST_1.value());
        p.setProperty("host.a2.namespace", host2.value());
        p.setProperty("host.a2.lanAddress", HOST_2.value());
        return p;
    }

    /** The VM stand-in namespaces ({@code isvm-…}) on this machine, sorted (other builds may have their own). */
    public List<String> standInNamespaces() {
        return must("ip", "netns", "list").lines().map(l -> l.split(" ", 2)[0])
                .filter(ns -> ns.startsWith("isvm-")).sorted().toList();
    }

    /** The stand-in namespace whose NIC carries {@code mac}. */
    public String standInOf(String mac) {
        for (String ns : standInNamespaces()) {
            if (must("ip", "-n", ns, "-o", "link", "show").contains(mac)) {
                return ns;
            }
        }
        throw new AssertionError("no stand-in namespace carries " + mac + ": " + standInNamespaces());
    }

    /** Kills what still runs inside {@code namespace} (an iperf3 server that outlived its test). */
    public void killProcessesIn(String namespace) {
        CommandResult pids = runner.run(List.of("ip", "netns", "pids", namespace));
        pids.stdout().lines().map(String::strip).filter(pid -> pid.matches("[0-9]+")).map(Long::parseLong)
                .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** Kills what still runs inside {@code namespace}, then deletes it. */
    public void killAndDelete(String namespace) {
        killProcessesIn(namespace);
        runner.run(List.of("ip", "netns", "del", namespace));
    }

    /** Runs {@code command} inside {@code ns} (via {@code ip netns exec}); fails the test unless it exits 0. */
    public String in(NamespaceName ns, String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns.value()));
        argv.addAll(List.of(command));
        return must(argv.toArray(String[]::new));
    }

    /** Runs a command and fails the test with its output unless it exits 0. */
    public String must(String... command) {
        CommandResult result = runner.run(List.of(command));
        if (!result.succeeded()) {
            throw new AssertionError(result.describe());
        }
        return result.stdout();
    }

    @Override
    public void close() {
        for (NamespaceName ns : created) {
            runner.run(List.of("ip", "netns", "del", ns.value()));
        }
    }
}
