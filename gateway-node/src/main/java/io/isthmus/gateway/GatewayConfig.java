package io.isthmus.gateway;

import io.isthmus.gateway.application.stitch.Leases;
import io.isthmus.gateway.domain.isolation.IsolationPolicy;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.Ipv6Address;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.NetworkNamespace;
import io.isthmus.gateway.domain.tunnel.SiteLeg;
import io.isthmus.gateway.domain.tunnel.StitchInterfaces;
import io.isthmus.gateway.domain.tunnel.UdpPortRange;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import io.isthmus.wsdl.support.RequestGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Properties;
import java.util.function.Function;

/**
 * A gateway's configuration, validated: every bad or missing value is reported with its key.
 *
 * <pre>
 * gateway.id=gw-req
 * gateway.listen=http://127.0.0.1:8201/gateway/GatewayService
 * gateway.dataDir=/tmp/isthmus/gw-req
 * gateway.tunnelAddress=198.51.100.1
 * gateway.underlayDevice=wan0
 * gateway.trunk=trunk0                 (optional: the requester-side 802.1Q trunk)
 * gateway.netns=isth-gw-req            (optional: run every command in this network namespace)
 * gateway.reapIntervalSeconds=5        (optional: how often expired holds are released)
 * gateway.siteAddress=198.51.100.10     (optional, site gateways: this gateway's site-LAN address)
 * gateway.siteHosts=198.51.100.11,198.51.100.12  (with siteAddress: the site hosts' addresses)
 * gateway.siteDevice=site0              (optional: the device the site leg runs over)
 * gateway.sitePort=4790                 (optional: the site leg's UDP port, not 4789)
 * gateway.protectedPorts=8101,8102      (optional: TCP ports tenants may not reach, besides the listen port)
 * gateway.accessPorts=100:acc100        (optional: interfaces carrying one tenant VLAN untagged, where no trunk can tag)
 * gateway.openvpnPorts=11940-12039      (optional: the UDP ports openvpn tunnels listen on)
 * gateway.hold.maxSeconds=600           (optional: the longest hold a prepare gets, longer ones are capped)
 * gateway.teardown.graceSeconds=60      (optional: how long after its window a booking is torn down by the gateway)
 * gateway.fault.killAtFile=/tmp/kill-gw (optional, crash tests only: SIGKILL at the point named in this file)
 * gateway.request.maxBytes=1048576      (optional: larger request bodies are refused with 413 before parsing)
 * </pre>
 * A value may be followed by whitespace and a {@code #} comment.
 */
public record GatewayConfig(GatewayId id, URI listen, Path dataDir, Ipv4Address tunnelAddress,
                            InterfaceName underlayDevice, Optional<InterfaceName> trunk,
                            Optional<NetworkNamespace> netns, Duration reapInterval, Optional<SiteLeg> siteLeg,
                            List<Integer> protectedPorts, Map<VlanId, InterfaceName> accessPorts,
                            UdpPortRange openvpnPorts, Leases leases, Optional<Path> killAtFile,
                            long maxRequestBytes) {

    public GatewayConfig {
        protectedPorts = List.copyOf(protectedPorts);
        accessPorts = Map.copyOf(accessPorts);
    }

    public static GatewayConfig load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new GatewayConfigException("gateway configuration " + file + " does not exist", e);
        } catch (IOException e) {
            throw new GatewayConfigException("cannot read gateway configuration " + file + ": " + e.getMessage(), e);
        }
        return fromProperties(p);
    }

    public static GatewayConfig fromProperties(Properties p) {
        InterfaceName underlay = required(p, "gateway.underlayDevice", InterfaceName::new);
        Optional<InterfaceName> trunk = optional(p, "gateway.trunk", InterfaceName::new);
        Optional<SiteLeg> siteLeg = SiteLegConfig.from(p);
        Set<InterfaceName> devices = new HashSet<>(List.of(underlay));
        trunk.ifPresent(devices::add);
        siteLeg.flatMap(SiteLeg::device).ifPresent(devices::add);
        return new GatewayConfig(
                required(p, "gateway.id", GatewayId::new),
                required(p, "gateway.listen", GatewayConfig::listenUri),
                required(p, "gateway.dataDir", Path::of),
                required(p, "gateway.tunnelAddress", Ipv4Address::new),
                underlay,
                trunk,
                optional(p, "gateway.netns", NetworkNamespace::new),
                optional(p, "gateway.reapIntervalSeconds", GatewayConfig::seconds).orElse(Duration.ofSeconds(5)),
                siteLeg,
                optional(p, "gateway.protectedPorts", v -> SiteLegConfig.list(v, SiteLegConfig::port)).orElse(List.of()),
                AccessPortsConfig.accessPorts(p, devices),
                AccessPortsConfig.openvpnPorts(p, siteLeg),
                leases(p),
                optional(p, "gateway.fault.killAtFile", Path::of),
                optional(p, "gateway.request.maxBytes", GatewayConfig::requestLimit)
                        .orElse(RequestGuard.DEFAULT_MAX_BYTES));
    }

    private static long requestLimit(String value) {
        long bytes = Long.parseLong(value);
        if (bytes < RequestGuard.MIN_MAX_BYTES) {
            throw new IllegalArgumentException("must be at least " + RequestGuard.MIN_MAX_BYTES + " bytes");
        }
        return bytes;
    }

    private static Leases leases(Properties p) {
        return new Leases(
                optional(p, "gateway.hold.maxSeconds", GatewayConfig::seconds).orElse(Leases.DEFAULT.maxHold()),
                optional(p, "gateway.teardown.graceSeconds", GatewayConfig::secondsOrZero)
                        .orElse(Leases.DEFAULT.teardownGrace()));
    }

    /**
     * What tenant segments may never reach here: the tunnel and site addresses, the listen host when it is an
     * address literal (not a wildcard), and TCP to the listen port and {@code gateway.protectedPorts}; tenant frames
     * are those entering by gateway-named segment ports or by the access ports.
     */
    public IsolationPolicy isolationPolicy() {
        List<Ipv4Address> v4 = new ArrayList<>(List.of(tunnelAddress));
        siteLeg.ifPresent(leg -> v4.add(leg.address()));
        List<Ipv6Address> v6 = new ArrayList<>();
        String host = listen.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            Ipv6Address address = new Ipv6Address(host.substring(1, host.length() - 1));
            if (!"0:0:0:0:0:0:0:0".equals(address.value())) {
                v6.add(address);
            }
        } else if (Ipv4Address.isValid(host) && !"0.0.0.0".equals(host)) {
            v4.add(new Ipv4Address(host));
        }
        List<Integer> ports = new ArrayList<>(List.of(listen.getPort()));
        ports.addAll(protectedPorts);
        return new IsolationPolicy(id, v4, v6, ports, StitchInterfaces.segmentPortPrefixes(),
                accessPorts.values().stream().sorted(Comparator.comparing(InterfaceName::value)).toList());
    }

    /** The URL path the endpoint is published at, e.g. {@code /gateway/GatewayService}. */
    public String listenPath() {
        return listen.getPath();
    }

    static <T> T required(Properties p, String key, Function<String, T> parse) {
        return optional(p, key, parse).orElseThrow(() -> new GatewayConfigException(
                "missing " + key + ": set it in the gateway configuration (see gw-req.properties for an example)"));
    }

    static <T> Optional<T> optional(Properties p, String key, Function<String, T> parse) {
        String raw = p.getProperty(key);
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.replaceFirst("\\s+#.*$", "").strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(value));
        } catch (InvalidRequestException | IllegalArgumentException e) {
            throw new GatewayConfigException(key + ": " + e.getMessage(), e);
        }
    }

    private static URI listenUri(String value) {
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1
                    || uri.getPath() == null || uri.getPath().length() < 2) {
                throw new IllegalArgumentException("'" + value + "' must be http://host:port/path "
                        + "(e.g. http://127.0.0.1:8201/gateway/GatewayService)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not a URL: " + e.getMessage(), e);
        }
    }

    private static Duration seconds(String value) {
        Duration d = secondsOrZero(value);
        if (d.isZero()) {
            throw new IllegalArgumentException("must be at least 1 second, got 0");
        }
        return d;
    }

    private static Duration secondsOrZero(String value) {
        long s;
        try {
            s = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number of seconds", e);
        }
        if (s < 0) {
            throw new IllegalArgumentException("must not be negative, got " + s);
        }
        return Duration.ofSeconds(s);
    }
}
