package io.isthmus.examples.federation.hosts;

import io.isthmus.examples.federation.FederationException;
import io.isthmus.examples.federation.config.SiteConfig;
import io.isthmus.examples.federation.topology.LanHost;
import io.isthmus.examples.federation.topology.SiteLan;
import io.isthmus.rms.domain.compute.ComputeException;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.emulation.EmulationException;
import io.isthmus.rms.emulation.HostLibvirtd;
import io.isthmus.rms.emulation.TestGuestImage;
import io.isthmus.rms.infrastructure.libvirt.VirtTypeChoice;
import io.isthmus.rms.infrastructure.libvirt.VirtTypeProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every emulated host of every site runs its own libvirtd ({@link HostLibvirtd}) in its namespace, as a real site
 * host would, with two storage pools: {@value #IMAGE_POOL}, the site's catalog (the test guest image, read only to
 * guests) and {@value #INSTANCE_POOL}, where the RMS puts each guest's overlay, seed and console log.
 *
 * <p>Layout under the run directory: {@code images/<site>/} (catalog), {@code hosts/<namespace>/} (the host's
 * libvirt state, logs and {@code instances/}). As {@link SiteConfig.HostUris} it tells each site's configuration
 * where its hosts are, what domain type they run and how many guests one of them boots at once.
 */
public final class EmulatedHosts implements AutoCloseable, SiteConfig.HostUris {

    public static final String IMAGE_POOL = "isthmus-images";
    public static final String INSTANCE_POOL = "isthmus-instances";
    private static final Logger LOG = System.getLogger(EmulatedHosts.class.getName());

    private final List<HostLibvirtd> running;
    private final Map<String, String> uris;
    private final VirtTypeChoice virtType;

    private EmulatedHosts(List<HostLibvirtd> running, Map<String, String> uris, VirtTypeChoice virtType) {
        this.running = running;
        this.uris = uris;
        this.virtType = virtType;
    }

    /**
     * Starts a libvirtd for every host of {@code lans} (their namespaces must exist) and fills each site's catalog
     * with {@code image}; on failure stops what it started.
     */
    public static EmulatedHosts start(List<SiteLan> lans, Path runDir, TestGuestImage.Image image) {
        List<HostLibvirtd> running = new ArrayList<>();
        Map<String, String> uris = new LinkedHashMap<>();
        try {
            for (SiteLan lan : lans) {
                Path catalog = runDir.resolve("images").resolve(lan.siteId());
                fillCatalog(catalog, image);
                for (LanHost host : lan.hosts()) {
                    Path state = hostDirectory(runDir, host);
                    HostLibvirtd libvirtd = HostLibvirtd.start(new NamespaceName(host.namespace().value()),
                            new HostName(host.name()), state);
                    running.add(libvirtd);
                    libvirtd.ensureDirPool(IMAGE_POOL, catalog);
                    libvirtd.ensureDirPool(INSTANCE_POOL, state.resolve("instances"));
                    uris.put(key(lan.siteId(), host.name()), libvirtd.uri());
                }
            }
            // The emulated hosts are namespaces of this one machine: probe KVM once for all of them.
            HostLibvirtd first = running.get(0);
            VirtTypeChoice virtType = VirtTypeProbe.probeOnce(first.uri(), first.host());
            LOG.log(Level.INFO, "{0} emulated host(s) run their own libvirtd with QEMU ({1} guests); catalog: {2}",
                    running.size(), virtType.name().toLowerCase(Locale.ROOT), image.qcow2().getFileName());
            return new EmulatedHosts(running, uris, virtType);
        } catch (EmulationException | UncheckedIOException | ComputeException e) {
            running.forEach(HostLibvirtd::close);
            throw new FederationException("cannot start the emulated hosts' libvirtd: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            running.forEach(HostLibvirtd::close);
            throw e;
        }
    }

    /**
     * Kills guests and daemons of hosts under {@code runDir} that a killed launcher left running (before the run
     * directory is cleaned).
     */
    public static void reapLeftovers(Path runDir) {
        Path hosts = runDir.resolve("hosts");
        if (!Files.isDirectory(hosts)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(hosts)) {
            dirs.filter(Files::isDirectory).forEach(HostLibvirtd::reapLeftovers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + hosts, e);
        }
    }

    /** The libvirt URI of host {@code host} of site {@code site}. */
    public String uri(String site, String host) {
        String uri = uris.get(key(site, host));
        if (uri == null) {
            throw new IllegalArgumentException("no emulated host " + host + " at site " + site);
        }
        return uri;
    }

    /** The domain type every emulated host runs its guests as (probed once: they share this machine's kernel). */
    public VirtTypeChoice virtType() {
        return virtType;
    }

    @Override
    public Optional<String> of(String site, String host) {
        return Optional.of(uri(site, host));
    }

    @Override
    public Optional<String> virtType(String site, String host) {
        return Optional.of(virtType.name().toLowerCase(Locale.ROOT));
    }

    /** Every emulated host boots on this machine's cores: more guests at once only slow each other down. */
    @Override
    public Optional<Integer> bootsPerHost() {
        return Optional.of(Runtime.getRuntime().availableProcessors());
    }

    /** Every host's libvirt URI, by "site/host". */
    public Map<String, String> uris() {
        return Map.copyOf(uris);
    }

    /** Powers the hosts off: guests killed, daemons stopped. */
    @Override
    public void close() {
        for (HostLibvirtd host : running) {
            try {
                host.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stopping the libvirtd of host {0} failed: {1}", host.host(), e.getMessage());
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.deleteIfExists(to);
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        to.toFile().setWritable(false, false);
    }

    private static Path hostDirectory(Path runDir, LanHost host) {
        return runDir.resolve("hosts").resolve(host.namespace().value());
    }

    private static String key(String site, String host) {
        return site + "/" + host;
    }

    /**
     * The catalog holds copies of the image and its direct-boot companions ({@code .vmlinuz}, {@code .initrd},
     * {@code .cmdline}), read-only: guests never write them, each boots from its own overlay.
     */
    private static void fillCatalog(Path catalog, TestGuestImage.Image image) {
        String name = image.qcow2().getFileName().toString().replaceFirst("\\.qcow2$", "");
        try {
            Files.createDirectories(catalog);
            copy(image.qcow2(), catalog.resolve(name + ".qcow2"));
            copy(image.kernel(), catalog.resolve(name + ".vmlinuz"));
            copy(image.initrd(), catalog.resolve(name + ".initrd"));
            Path cmdline = catalog.resolve(name + ".cmdline");
            Files.deleteIfExists(cmdline);
            Files.writeString(cmdline, image.cmdline());
            cmdline.toFile().setWritable(false, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fill the image catalog " + catalog, e);
        }
    }
}
