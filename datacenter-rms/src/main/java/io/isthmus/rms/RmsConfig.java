package io.isthmus.rms;

import io.isthmus.rms.application.reservation.GuestSettings;
import io.isthmus.rms.domain.reservation.Leases;
import io.isthmus.rms.domain.segment.SiteUnderlay;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.Names;
import io.isthmus.rms.domain.site.Site;
import io.isthmus.rms.domain.site.SiteId;
import io.isthmus.rms.infrastructure.libvirt.VirtTypeChoice;
import io.isthmus.rms.infrastructure.libvirt.storage.StoragePoolNames;
import java.io.IOException;
import java.io.Reader;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import io.isthmus.wsdl.support.RequestGuard;

/**
 * The configuration of one site's RMS, read from a {@code .properties} file. Keys: {@code site.id},
 * {@code site.listen}, {@code site.dataDir}, {@code site.gateway.id}, {@code site.gateway.endpoint},
 * {@code site.hosts}, {@code host.<h>.cores|memoryMib|diskGib|nested|uri}, optional
 * {@code site.imageDir} (the {@code <image>.qcow2} files: the site's image catalog and the VMs' disks),
 * {@code site.reaperIntervalMillis}, {@code host.<h>.linkMbps} (default 10000; also bounds
 * what the NIC contracts on the host guarantee at once, checked at prepare with or without data plane) and
 * {@code site.qos.periodMillis} (how often each host's link is re-divided, default 1000), and the optional data
 * plane ({@code site.dataPlane}, {@code site.gatewaySiteAddress}, {@code host.<h>.namespace|lanAddress}; see
 * {@link DataPlaneConfig}): {@code emulatedDataPlane} is empty unless {@code site.dataPlane=emulated}. The
 * site's {@link Leases}: {@code site.hold.maxSeconds} (longest hold granted, default 600) and
 * {@code site.teardown.graceSeconds} (how long after its window a booking the broker did not end is torn down
 * by the site itself, default 60). Crash tests only: {@code site.fault.killAtFile} (an absolute path, optional)
 * arms the {@code KillSwitch}, which kills the RMS with SIGKILL at the point named in that file. On hosts with a
 * real libvirt URI, {@code site.imagePool} (default {@code isthmus-images}) and {@code site.instancePool} (default
 * {@code isthmus-instances}) name the libvirt storage pools of the image catalog and of the VMs' own disks.
 * Guests ({@link GuestSettings}): {@code site.guest.readyTimeout.seconds} (how long every guest of a provision has
 * to report ready, default 120), {@code site.guest.bootsPerHost} (guests booting at once on one host, default 10) and
 * {@code site.guest.tcgCacheMib} (the translation cache of a TCG guest, default 32; 0: QEMU's default); a QEMU
 * host's domain type: {@code host.<h>.virtType} = {@code auto} (default: kvm when a probe guest really runs under
 * KVM), {@code kvm} or {@code qemu} (TCG). {@code site.request.maxBytes} (default 1 MiB): a larger request body is
 * refused with 413 before it is parsed.
 */
public record RmsConfig(SiteId siteId, URL listen, Path dataDir, String gatewayId, URI gatewayEndpoint,
        List<HostConfig> hosts, Path imageDir, Duration reaperInterval, Optional<SiteUnderlay> emulatedDataPlane,
        Duration qosPeriod, Leases leases, Optional<Path> killAtFile, StoragePoolNames storagePools,
        GuestSettings guests, long maxRequestBytes) {

    public static final Path DEFAULT_IMAGE_DIR = Path.of("/var/lib/isthmus/images");
    public static final Duration DEFAULT_REAPER_INTERVAL = Duration.ofSeconds(2);
    /** DBA-VM's period: near 1 s balances how fast shares adapt against what re-dividing costs. */
    public static final Duration DEFAULT_QOS_PERIOD = Duration.ofSeconds(1);
    static final String KILL_AT_FILE = "site.fault.killAtFile";
    static final String READY_TIMEOUT = "site.guest.readyTimeout.seconds";
    static final String BOOTS_PER_HOST = "site.guest.bootsPerHost";
    /** Until issue 10's boot benchmark: bounded libvirt starts only, not boots. */
    static final String RENAMED_PARALLEL_STARTS = "site.guest.parallelStarts";
    static final String TCG_CACHE = "site.guest.tcgCacheMib";
    static final String MAX_REQUEST_BYTES = "site.request.maxBytes";
    static final String IMAGE_POOL = "site.imagePool";
    static final String INSTANCE_POOL = "site.instancePool";

    public RmsConfig {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(gatewayEndpoint, "gatewayEndpoint");
        Objects.requireNonNull(imageDir, "imageDir");
        Objects.requireNonNull(reaperInterval, "reaperInterval");
        Objects.requireNonNull(emulatedDataPlane, "emulatedDataPlane");
        Objects.requireNonNull(qosPeriod, "qosPeriod");
        Objects.requireNonNull(leases, "leases");
        Objects.requireNonNull(killAtFile, "killAtFile");
        Objects.requireNonNull(storagePools, "storagePools");
        Objects.requireNonNull(guests, "guests");
        hosts = List.copyOf(hosts);
    }

    public static RmsConfig load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new InvalidConfigException("--config", "cannot read the configuration file " + file.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
        return fromProperties(properties);
    }

    public static RmsConfig fromProperties(Properties properties) {
        ConfigValues values = new ConfigValues(properties);
        SiteId siteId = new SiteId(values.name("site.id"));
        URL listen = listenUrl(values);
        Path dataDir = Path.of(values.required("site.dataDir")).toAbsolutePath();
        String gatewayId = values.name("site.gateway.id");
        URI gatewayEndpoint = values.requiredUri("site.gateway.endpoint", "http", "https");
        List<HostConfig> hosts = hosts(values);
        Path imageDir = values.optional("site.imageDir").map(Path::of).orElse(DEFAULT_IMAGE_DIR);
        if (!imageDir.isAbsolute()) {
            throw new InvalidConfigException("site.imageDir", "site.imageDir=" + imageDir + " must be an absolute path");
        }
        Duration reaper = values.optional("site.reaperIntervalMillis").isPresent()
                ? Duration.ofMillis(values.positiveLong("site.reaperIntervalMillis")) : DEFAULT_REAPER_INTERVAL;
        Optional<SiteUnderlay> dataPlane = DataPlaneConfig.read(values, siteId,
                hosts.stream().map(HostConfig::name).toList());
        Duration qosPeriod = values.optional("site.qos.periodMillis").isPresent()
                ? Duration.ofMillis(values.positiveLong("site.qos.periodMillis")) : DEFAULT_QOS_PERIOD;
        return new RmsConfig(siteId, listen, dataDir, gatewayId, gatewayEndpoint, hosts, imageDir, reaper, dataPlane,
                qosPeriod, leases(values), killAtFile(values), storagePools(values),
                guests(values), maxRequestBytes(values));
    }

    private static long maxRequestBytes(ConfigValues values) {
        if (values.optional(MAX_REQUEST_BYTES).isEmpty()) {
            return RequestGuard.DEFAULT_MAX_BYTES;
        }
        long bytes = values.positiveLong(MAX_REQUEST_BYTES);
        if (bytes < RequestGuard.MIN_MAX_BYTES) {
            throw new InvalidConfigException(MAX_REQUEST_BYTES, MAX_REQUEST_BYTES + "=" + bytes
                    + " is below the minimum of " + RequestGuard.MIN_MAX_BYTES + " bytes");
        }
        return bytes;
    }

    private static StoragePoolNames storagePools(ConfigValues values) {
        String images = poolName(values, IMAGE_POOL, StoragePoolNames.DEFAULT_IMAGES);
        String instances = poolName(values, INSTANCE_POOL, StoragePoolNames.DEFAULT_INSTANCES);
        if (images.equals(instances)) {
            throw new InvalidConfigException(INSTANCE_POOL, INSTANCE_POOL + "=" + instances + " is also "
                    + IMAGE_POOL + ": the VMs' own disks must not go into the image catalog; name another pool");
        }
        return new StoragePoolNames(images, instances);
    }

    private static String poolName(ConfigValues values, String key, String fallback) {
        String name = values.optional(key).orElse(fallback);
        try {
            return StoragePoolNames.requireValid(name, key);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key, key + "=" + name + " is not a usable libvirt storage pool name: use "
                    + StoragePoolNames.RULE, e);
        }
    }

    private static GuestSettings guests(ConfigValues values) {
        Duration ready = values.optional(READY_TIMEOUT).isPresent()
                ? Duration.ofSeconds(values.positiveLong(READY_TIMEOUT)) : GuestSettings.DEFAULT_READY_TIMEOUT;
        if (values.optional(RENAMED_PARALLEL_STARTS).isPresent()) {
            throw new InvalidConfigException(RENAMED_PARALLEL_STARTS, RENAMED_PARALLEL_STARTS + " is now "
                    + BOOTS_PER_HOST + " (how many guests boot at once on one host, each until it is ready): rename it");
        }
        int parallel = values.optional(BOOTS_PER_HOST).isPresent() ? values.positiveInt(BOOTS_PER_HOST)
                : GuestSettings.DEFAULT_BOOTS_PER_HOST;
        int tcgCache = values.optional(TCG_CACHE).isPresent() ? values.nonNegativeInt(TCG_CACHE)
                : GuestSettings.DEFAULT_TCG_CACHE_MIB;
        return new GuestSettings(ready, parallel, tcgCache);
    }

    private static Optional<Path> killAtFile(ConfigValues values) {
        Optional<Path> file = values.optional(KILL_AT_FILE).map(Path::of);
        if (file.isPresent() && !file.get().isAbsolute()) {
            throw new InvalidConfigException(KILL_AT_FILE, KILL_AT_FILE + "=" + file.get()
                    + " must be an absolute path (crash tests only; leave it unset otherwise)");
        }
        return file;
    }

    private static Leases leases(ConfigValues values) {
        Duration maxHold = values.optional("site.hold.maxSeconds").isPresent()
                ? Duration.ofSeconds(values.positiveLong("site.hold.maxSeconds")) : Leases.DEFAULT_MAX_HOLD;
        Duration grace = values.optional("site.teardown.graceSeconds").isPresent()
                ? Duration.ofSeconds(values.nonNegativeLong("site.teardown.graceSeconds"))
                : Leases.DEFAULT_TEARDOWN_GRACE;
        return new Leases(maxHold, grace);
    }

    /** The site as the domain sees it. */
    public Site site() {
        return new Site(siteId, gatewayId, gatewayEndpoint, hosts.stream().map(HostConfig::toHost).toList());
    }

    private static URL listenUrl(ConfigValues values) {
        URI uri = values.requiredUri("site.listen", "http");
        if (uri.getPort() < 1 || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new InvalidConfigException("site.listen", "site.listen=" + uri
                    + " needs an explicit port and a path, e.g. http://127.0.0.1:8101/rms/SiteRmsService");
        }
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new InvalidConfigException("site.listen", "site.listen=" + uri + " is not a URL: " + e.getMessage(), e);
        }
    }

    private static List<HostConfig> hosts(ConfigValues values) {
        List<HostConfig> hosts = new ArrayList<>();
        HashSet<String> seen = new HashSet<>();
        for (String raw : values.required("site.hosts").split(",")) {
            String name = raw.strip();
            if (!seen.add(name)) {
                throw new InvalidConfigException("site.hosts", "site.hosts lists host " + name + " twice");
            }
            hosts.add(host(values, name));
        }
        return hosts;
    }

    private static HostConfig host(ConfigValues values, String name) {
        if (!Names.NAME.matcher(name).matches()) {
            throw new InvalidConfigException("site.hosts", "site.hosts names host '" + name + "', which is not a"
                    + " valid name: use a lowercase letter followed by lowercase letters, digits or '-'");
        }
        String prefix = "host." + name + ".";
        Optional<String> uri = values.optional(prefix + "uri");
        uri.ifPresent(u -> ConfigValues.parseUri(prefix + "uri", u));
        long linkMbps = values.optional(prefix + "linkMbps").isPresent() ? values.positiveLong(prefix + "linkMbps")
                : HostConfig.DEFAULT_LINK_MBPS;
        return new HostConfig(new HostName(name), values.positiveInt(prefix + "cores"),
                values.positiveLong(prefix + "memoryMib"), values.positiveLong(prefix + "diskGib"),
                values.bool(prefix + "nested", false), uri, linkMbps, virtType(values, prefix + "virtType"));
    }

    private static VirtTypeChoice virtType(ConfigValues values, String key) {
        return values.optional(key).map(v -> VirtTypeChoice.parse(v).orElseThrow(() -> new InvalidConfigException(
                key, key + "=" + v + " is not a domain type: use auto (kvm when a probe guest really runs under"
                + " KVM, else qemu), kvm or qemu (TCG)"))).orElse(VirtTypeChoice.AUTO);
    }
}
