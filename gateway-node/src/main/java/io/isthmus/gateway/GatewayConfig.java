package io.isthmus.gateway;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.NetworkNamespace;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
 * </pre>
 * A value may be followed by whitespace and a {@code #} comment.
 */
public record GatewayConfig(GatewayId id, URI listen, Path dataDir, Ipv4Address tunnelAddress,
                            InterfaceName underlayDevice, Optional<InterfaceName> trunk,
                            Optional<NetworkNamespace> netns, Duration reapInterval) {

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
        return new GatewayConfig(
                required(p, "gateway.id", GatewayId::new),
                required(p, "gateway.listen", GatewayConfig::listenUri),
                required(p, "gateway.dataDir", Path::of),
                required(p, "gateway.tunnelAddress", Ipv4Address::new),
                required(p, "gateway.underlayDevice", InterfaceName::new),
                optional(p, "gateway.trunk", InterfaceName::new),
                optional(p, "gateway.netns", NetworkNamespace::new),
                optional(p, "gateway.reapIntervalSeconds", GatewayConfig::seconds).orElse(Duration.ofSeconds(5)));
    }

    /** The URL path the endpoint is published at, e.g. {@code /gateway/GatewayService}. */
    public String listenPath() {
        return listen.getPath();
    }

    private static <T> T required(Properties p, String key, Function<String, T> parse) {
        return optional(p, key, parse).orElseThrow(() -> new GatewayConfigException(
                "missing " + key + ": set it in the gateway configuration (see gw-req.properties for an example)"));
    }

    private static <T> Optional<T> optional(Properties p, String key, Function<String, T> parse) {
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
        long s;
        try {
            s = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number of seconds", e);
        }
        if (s < 1) {
            throw new IllegalArgumentException("must be at least 1 second, got " + s);
        }
        return Duration.ofSeconds(s);
    }
}
