package io.isthmus.examples.federation;

import io.isthmus.examples.federation.config.DataPlaneMode;
import io.isthmus.examples.federation.config.GatewayConfig;
import io.isthmus.examples.federation.config.HostSpec;
import io.isthmus.examples.federation.config.ImageDirectory;
import io.isthmus.examples.federation.config.JavaCommands;
import io.isthmus.examples.federation.config.PropertiesFile;
import io.isthmus.examples.federation.config.ServicePorts;
import io.isthmus.examples.federation.config.SiteConfig;
import io.isthmus.examples.federation.identity.KeycloakSettings;
import io.isthmus.examples.federation.process.LaunchSpec;
import io.isthmus.examples.federation.topology.EmulatedUnderlay;
import io.isthmus.examples.federation.topology.GatewaySlot;
import io.isthmus.examples.federation.topology.SiteLan;
import io.isthmus.examples.federation.topology.TenantLan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The federation's parts laid out in the run directory: four gateways (requester gateways gw-req and gw-req2, one
 * per tenant; site gateways gw-a, gw-b), two sites (site-a with hosts a1, a2 behind gw-a; site-b with b1, b2
 * behind gw-b) and the broker, with their config files written by {@link #writeConfigs(DataPlaneMode)} and their
 * command lines. Both sites' image catalogs hold {@link #IMAGES}. The broker knows no requester gateway: each
 * request names its own.
 */
public final class FederationPlan {

    static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(90);
    private static final int HOST_CORES = 16;
    private static final int HOST_MEMORY_MIB = 16384;
    private static final int HOST_DISK_GIB = 200;
    /** The image catalog of each site: what {@code examples/two-site-vi.xml} and the system tests ask for. */
    public static final List<String> IMAGES = List.of("isthmus-test");

    private final FederationOptions options;
    private final ServicePorts ports;
    private final List<GatewayConfig> gateways = new ArrayList<>();
    private final List<SiteConfig> sites = new ArrayList<>();

    public FederationPlan(FederationOptions options) {
        this.options = options;
        this.ports = options.ports();
        List<GatewaySlot> slots = EmulatedUnderlay.gateways();
        for (int i = 0; i < slots.size(); i++) {
            GatewaySlot slot = slots.get(i);
            Optional<SiteLan> siteLan = EmulatedUnderlay.siteLans().stream()
                    .filter(lan -> lan.gateway().equals(slot)).findFirst();
            Optional<TenantLan> tenantLan = EmulatedUnderlay.tenantLans().stream()
                    .filter(lan -> lan.gateway().equals(slot)).findFirst();
            gateways.add(new GatewayConfig(slot, ports.gatewaySoap(i + 1), dataDir(slot.gatewayId()), siteLan,
                    tenantLan));
        }
        EmulatedUnderlay.siteLans().forEach(lan -> sites.add(site(lan)));
    }

    /** Every TCP port the federation listens on. */
    public List<Integer> tcpPorts() {
        List<Integer> all = new ArrayList<>(List.of(ports.broker(), ports.site(1), ports.site(2)));
        for (int i = 1; i <= gateways.size(); i++) {
            all.add(ports.gateway(i));
        }
        if (options.identity() == FederationOptions.IdentityMode.KEYCLOAK) {
            all.add(ports.keycloak());
            all.add(ports.keycloakManagement());
        }
        return all;
    }

    /**
     * Keycloak of this federation: its own home under {@code <runDir>/keycloak}, its log beside the others', the web
     * console's origin at the broker's address.
     */
    public KeycloakSettings keycloak() {
        URI brokerOrigin = URI.create("http://127.0.0.1:" + ports.broker());
        return new KeycloakSettings(options.artifacts().keycloakZip(), options.keycloakCache(),
                options.artifacts().realmFile(), options.runDir().resolve("keycloak"), logDirectory(),
                ports.keycloak(), ports.keycloakManagement(), brokerOrigin, KeycloakSettings.DEFAULT_READY_TIMEOUT);
    }

    /**
     * Writes each gateway's and site's properties file under {@code <runDir>/config}, and each site's image
     * directory; hosts on libvirt's test driver.
     */
    public void writeConfigs(DataPlaneMode mode) {
        writeConfigs(mode, (site, host) -> Optional.empty());
    }

    /**
     * As {@link #writeConfigs(DataPlaneMode)}, each site host reached at the libvirt URI {@code hostUris} gives for it
     * (its own libvirtd with QEMU) or, where it gives none, on libvirt's test driver.
     */
    public void writeConfigs(DataPlaneMode mode, SiteConfig.HostUris hostUris) {
        gateways.forEach(g -> PropertiesFile.write(configFile(g.gatewayId()),
                withKillFile(g.properties(mode), "gateway.fault.killAtFile", g.gatewayId()),
                "Isthmus gateway " + g.gatewayId() + " of the emulated federation"));
        sites.forEach(s -> PropertiesFile.write(configFile(s.siteId()),
                withKillFile(s.properties(mode, hostUris), "site.fault.killAtFile", s.siteId()),
                "Isthmus RMS " + s.siteId() + " of the emulated federation"));
        sites.forEach(s -> ImageDirectory.create(s.imageDir(), s.images()));
        if (options.faultInjection()) {
            try {
                Files.createDirectories(killFile("broker").getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("could not create the kill-file directory of the crash tests", e);
            }
        }
    }

    /**
     * With fault injection on: the file in which a crash test names the point where process {@code name} ("broker",
     * "site-a", "gw-b", …) kills itself. The process deletes it as it dies.
     */
    public Path killFile(String name) {
        return options.runDir().resolve("faults").resolve(name);
    }

    private Map<String, String> withKillFile(Map<String, String> properties, String key, String name) {
        if (!options.faultInjection()) {
            return properties;
        }
        Map<String, String> armed = new LinkedHashMap<>(properties);
        armed.put(key, killFile(name).toString());
        return armed;
    }

    /** Gateways first, then the sites that name them. */
    public List<LaunchSpec> services() {
        List<LaunchSpec> specs = new ArrayList<>();
        gateways.forEach(g -> specs.add(serviceSpec(g.gatewayId(), options.artifacts().gatewayJar(), g.listen())));
        sites.forEach(s -> specs.add(serviceSpec(s.siteId(), options.artifacts().rmsJar(), s.listen())));
        return specs;
    }

    public LaunchSpec broker() {
        return broker(Map.of());
    }

    /** The broker with {@code extra} settings on top of the federation's (e.g. a crash test's kill point). */
    public LaunchSpec broker(Map<String, String> extra) {
        return broker("broker", ports.broker(), payaraRoot(), extra);
    }

    /**
     * A second broker instance beside the first (port base+81, its own Payara Micro root); {@code extra} must name a
     * database both can share ({@code isthmus.db.url} of a PostgreSQL server): the H2 file is one process's.
     */
    public LaunchSpec secondBroker(Map<String, String> extra) {
        return broker("broker-2", ports.secondBroker(), options.runDir().resolve("payara-2"), extra);
    }

    private LaunchSpec broker(String name, int port, Path payaraRoot, Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("isthmus.sites", sites.stream().map(s -> s.siteId() + "=" + s.listen())
                .collect(Collectors.joining(",")));
        settings.put("isthmus.links", emulatedWanLinks());
        settings.put("isthmus.requesterGateways", requesterGatewayRegistry());
        settings.put("isthmus.requesterGateways.grants", requesterGatewayGrants());
        settings.put("isthmus.db.url", "jdbc:h2:file:" + options.runDir().resolve("broker/isthmus"));
        settings.put("isthmus.hold.seconds", Integer.toString(options.holdSeconds()));
        options.sweepSeconds().ifPresent(s -> settings.put("isthmus.sweep.seconds", Integer.toString(s)));
        if (options.faultInjection()) {
            settings.put("isthmus.fault.killAtFile", killFile("broker").toString());
            settings.put("isthmus.instance.lease.seconds", "3");   // a killed broker's work is taken over quickly
        }
        settings.putAll(extra);
        List<String> command = JavaCommands.broker(options.artifacts(), port, payaraRoot, settings);
        URI soap = URI.create("http://127.0.0.1:" + port + "/isthmus/BrokerService");
        return new LaunchSpec(name, command, options.runDir(), ServicePorts.wsdlOf(soap), options.brokerReadyTimeout());
    }

    /**
     * Every pair of sites joined by the emulated WAN, with the nominal figures the broker plans with: 1 Gbit/s
     * each way and 10 ms one way (the namespaces' real path is faster; placement only needs the numbers).
     */
    /** Every requester gateway, registered with the broker by id and endpoint ({@code isthmus.requesterGateways}). */
    String requesterGatewayRegistry() {
        return gateways.stream().filter(g -> g.slot().requester()).map(g -> g.slot().gatewayId() + "=" + g.listen())
                .collect(Collectors.joining(","));
    }

    /** Each requester gateway granted to the tenant whose network is behind it, with that network's VLANs. */
    String requesterGatewayGrants() {
        return gateways.stream().flatMap(g -> g.tenantLan().stream())
                .map(lan -> lan.gateway().gatewayId() + ":" + lan.tenant() + "=" + lan.vlans().stream()
                        .map(String::valueOf).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"));
    }

    String emulatedWanLinks() {
        List<String> links = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            for (int j = i + 1; j < sites.size(); j++) {
                links.add(sites.get(i).siteId() + ":" + sites.get(j).siteId() + "=1000/10");
            }
        }
        return String.join(",", links);
    }

    public FederationEndpoints endpoints(boolean dataPlaneEmulated, Duration startup) {
        Map<String, URI> siteUrls = new LinkedHashMap<>();
        sites.forEach(s -> siteUrls.put(s.siteId(), s.listen()));
        Map<String, URI> gatewayUrls = new LinkedHashMap<>();
        gateways.forEach(g -> gatewayUrls.put(g.gatewayId(), g.listen()));
        return new FederationEndpoints(ports.brokerSoap(), ports.brokerRest(), siteUrls, gatewayUrls,
                dataPlaneEmulated, startup);
    }

    /** The site LANs of the plan, whose hosts run the sites' guests. */
    public List<SiteLan> siteLans() {
        return sites.stream().map(SiteConfig::lan).toList();
    }

    /** Directories of the run directory this plan owns (wiped at start so every run begins empty). */
    public List<Path> stateDirectories() {
        return List.of("broker", "payara", "payara-2", "config", "logs", "data", "faults", "hosts", "images",
                "keycloak").stream()
                .map(options.runDir()::resolve).toList();
    }

    /**
     * Payara Micro's own root directory (no broker state: that is in the database). It is emptied before every broker
     * start: Payara Micro redeploys what it finds there, so a reused one would deploy the WAR twice.
     */
    public Path payaraRoot() {
        return options.runDir().resolve("payara");
    }

    public Path runDirectory() {
        return options.runDir();
    }

    public Path logDirectory() {
        return options.runDir().resolve("logs");
    }

    private SiteConfig site(SiteLan lan) {
        List<HostSpec> hosts = new ArrayList<>();
        for (String host : lan.hostNames()) {
            hosts.add(new HostSpec(host, HOST_CORES, HOST_MEMORY_MIB, HOST_DISK_GIB, true));
        }
        GatewaySlot gateway = lan.gateway();
        URI gatewayUrl = ports.gatewaySoap(EmulatedUnderlay.gateways().indexOf(gateway) + 1);
        return new SiteConfig(lan.siteId(), ports.siteSoap(lan.number()), dataDir(lan.siteId()), gateway.gatewayId(),
                gatewayUrl, hosts, lan, dataDir(lan.siteId()).resolve("images"), IMAGES);
    }

    private LaunchSpec serviceSpec(String name, Path jar, URI listen) {
        return new LaunchSpec(name, JavaCommands.service(jar, configFile(name)), options.runDir(),
                ServicePorts.wsdlOf(listen), SERVICE_READY_TIMEOUT);
    }

    private Path dataDir(String name) {
        return options.runDir().resolve("data").resolve(name);
    }

    private Path configFile(String name) {
        return options.runDir().resolve("config").resolve(name + ".properties");
    }
}
