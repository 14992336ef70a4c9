package io.isthmus.rms.infrastructure.libvirt;

import static io.isthmus.rms.infrastructure.libvirt.XmlDocuments.child;

import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.infrastructure.libvirt.DomainXmlWriter.DomainType;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Decides whether a QEMU host's VMs run under KVM or TCG. KVM only when libvirt's capabilities offer {@code kvm}
 * for x86_64 AND a short-lived probe guest under KVM really executes: it boots the host's own kernel
 * ({@value #PROBE_KERNEL}) and must reach 64-bit mode (EFER.LMA, read through the QEMU monitor) within
 * {@link #PROBE_TIMEOUT}. A vCPU whose time merely advances is not enough: where nested virtualisation is missing
 * (measured here), KVM spins in the firmware, its CPU time growing, and resets as the kernel enters long mode. The
 * probe domain is transient and destroyed in every case; a leftover of a killed RMS is destroyed first.
 */
public final class VirtTypeProbe {

    static final String PROBE_DOMAIN = "isthmus-virt-probe";
    static final String PROBE_KERNEL = "/vmlinuz";
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(6);
    /** How long the probe must stay in long mode. */
    static final Duration STABLE = Duration.ofMillis(1500);
    private static final Logger LOG = System.getLogger(VirtTypeProbe.class.getName());
    private static final Pattern EFER = Pattern.compile("EFER=([0-9a-fA-F]+)");
    private static final long EFER_LMA = 1L << 10;
    private static final int HMP = 1;

    private VirtTypeProbe() {
    }

    /**
     * What {@code host.<h>.virtType=auto} would give on the host at {@code uri}: {@link VirtTypeChoice#KVM} or
     * {@link VirtTypeChoice#QEMU}. For a launcher whose hosts all share one machine (the emulated federation), which
     * probes once and configures every host with the answer instead of each RMS probing each host at every start.
     */
    public static VirtTypeChoice probeOnce(String uri, HostName host) {
        try {
            Connect connect = new Connect(uri, false);
            try {
                return decide(connect, host, VirtTypeChoice.AUTO).type() == DomainType.KVM ? VirtTypeChoice.KVM
                        : VirtTypeChoice.QEMU;
            } finally {
                connect.close();
            }
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot probe the virtualisation type of host " + host + " at " + uri, e);
        }
    }

    /** The type {@code choice} gives on this host, with the reason; logged. */
    static VirtType decide(Connect connect, HostName host, VirtTypeChoice choice) throws LibvirtException {
        Document capabilities = XmlDocuments.parse(connect.getCapabilities());
        CpuVendor vendor = CpuVendor.fromCapabilities(capabilities).orElse(CpuVendor.INTEL);
        VirtType decided = switch (choice) {
            case KVM -> new VirtType(DomainType.KVM, vendor, "host." + host + ".virtType=kvm");
            case QEMU -> new VirtType(DomainType.QEMU, vendor, "host." + host + ".virtType=qemu");
            case AUTO -> offersKvm(capabilities) ? probe(connect, host, vendor)
                    : new VirtType(DomainType.QEMU, vendor, "libvirt offers no kvm guests for x86_64 (no /dev/kvm?)");
        };
        LOG.log(Level.INFO, "host {0} runs its VMs as {1} domains: {2}", host, decided.type().xmlValue(),
                decided.reason());
        return decided;
    }

    private static boolean offersKvm(Document capabilities) {
        NodeList arches = capabilities.getElementsByTagName("arch");
        for (int i = 0; i < arches.getLength(); i++) {
            Element arch = (Element) arches.item(i);
            if (!arch.getAttribute("name").equals("x86_64")) {
                continue;
            }
            NodeList domains = arch.getElementsByTagName("domain");
            for (int j = 0; j < domains.getLength(); j++) {
                if (((Element) domains.item(j)).getAttribute("type").equals("kvm")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static VirtType probe(Connect connect, HostName host, CpuVendor vendor) {
        long started = System.nanoTime();
        VirtType decided = runProbe(connect, host, vendor);
        return new VirtType(decided.type(), vendor, decided.reason() + " (probe took "
                + (System.nanoTime() - started) / 1_000_000 + " ms)");
    }

    private static VirtType runProbe(Connect connect, HostName host, CpuVendor vendor) {
        destroyLeftover(connect);
        Domain domain;
        try {
            domain = connect.domainCreateXML(probeXml(), 0);
        } catch (LibvirtException e) {
            return new VirtType(DomainType.QEMU, vendor, "a kvm probe guest booting " + PROBE_KERNEL
                    + " did not start (" + e.getMessage() + "); set host." + host + ".virtType=kvm if it runs KVM");
        }
        try {
            Optional<String> failure = awaitLongMode(domain);
            return failure.map(why -> new VirtType(DomainType.QEMU, vendor, "libvirt offers kvm, but " + why))
                    .orElseGet(() -> new VirtType(DomainType.KVM, vendor,
                            "a kvm probe guest reached 64-bit mode: hardware virtualisation works"));
        } finally {
            destroy(domain);
        }
    }

    /**
     * Empty when the probe reached long mode and stayed there for {@link #STABLE} (its kernel then runs: it boots to
     * a panic without a root disk and, with {@code panic=0}, stays there), else why not. Seeing long mode once is not
     * enough: where KVM cannot run the guest (measured here) the vCPU enters long mode and resets at once, and a
     * sample may fall into that instant; the reset destroys the probe domain ({@code on_reboot=destroy}).
     */
    private static Optional<String> awaitLongMode(Domain domain) {
        Instant deadline = Instant.now().plus(PROBE_TIMEOUT);
        Optional<Instant> longModeSince = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            try {
                Matcher m = EFER.matcher(domain.qemuMonitorCommand("info registers", HMP));
                if (m.find() && (Long.parseLong(m.group(1), 16) & EFER_LMA) != 0) {
                    if (longModeSince.isEmpty()) {
                        longModeSince = Optional.of(Instant.now());
                    } else if (Instant.now().isAfter(longModeSince.get().plus(STABLE)) && domain.isActive() != 0) {
                        return Optional.empty();
                    }
                } else {
                    longModeSince = Optional.empty();
                }
            } catch (LibvirtException e) {
                return Optional.of("the kvm probe guest stopped (reset) before its kernel ran in 64-bit mode ("
                        + e.getMessage() + ")");
            }
            sleep(Duration.ofMillis(100));
        }
        return Optional.of("the kvm probe guest's vCPU did not reach 64-bit mode within " + PROBE_TIMEOUT.toSeconds()
                + " s (no working nested virtualisation?)");
    }

    private static String probeXml() {
        Document document = XmlDocuments.newDocument();
        Element domain = document.createElement("domain");
        document.appendChild(domain);
        domain.setAttribute("type", "kvm");
        child(domain, "name", PROBE_DOMAIN);
        child(domain, "memory", "64").setAttribute("unit", "MiB");
        child(domain, "vcpu", "1");
        Element os = child(domain, "os");
        Element type = child(os, "type", "hvm");
        type.setAttribute("arch", "x86_64");
        type.setAttribute("machine", "pc");
        child(os, "kernel", Path.of(PROBE_KERNEL).toString());
        child(os, "cmdline", "panic=0 quiet");
        child(domain, "on_poweroff", "destroy");
        child(domain, "on_reboot", "destroy");
        child(domain, "on_crash", "destroy");
        child(child(domain, "devices"), "memballoon").setAttribute("model", "none");
        return XmlDocuments.serialize(document);
    }

    private static void destroyLeftover(Connect connect) {
        try {
            destroy(connect.domainLookupByName(PROBE_DOMAIN));
            LOG.log(Level.INFO, "destroyed a kvm probe guest left by an earlier run");
        } catch (LibvirtException e) {
            if (!LibvirtErrors.isNoDomain(e)) {
                throw LibvirtErrors.wrap("cannot look for a leftover kvm probe guest", e);
            }
        }
    }

    private static void destroy(Domain domain) {
        try {
            if (domain.isActive() != 0) {
                domain.destroy();
            }
        } catch (LibvirtException e) {
            LOG.log(Level.DEBUG, "kvm probe guest already gone: {0}", e.getMessage());
        } finally {
            try {
                domain.free();
            } catch (LibvirtException e) {
                LOG.log(Level.DEBUG, "cannot free the probe handle: {0}", e.getMessage());
            }
        }
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting on libvirt", e);
        }
    }
}
