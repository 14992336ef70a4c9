package io.isthmus.rms.infrastructure.libvirt;

import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainRunState;
import io.isthmus.rms.domain.compute.GuestNotReadyException;
import io.isthmus.rms.domain.site.HostName;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * Waits for a guest to say it is ready: libvirt marks the agent channel {@code state='connected'} in the live XML
 * once the guest opens its end (a stock cloud image's qemu-guest-agent does, as does the test image). A domain
 * without the channel (the test driver) is ready as soon as it runs. A domain that shuts off or crashes first fails
 * at once (a paused one, e.g. still starting up, is waited for); a timeout fails with the last lines of the console log when this machine can read it.
 */
final class GuestReadiness {

    static final Duration POLL = Duration.ofMillis(200);
    private static final int CONSOLE_LINES = 15;
    private static final int TAIL_BYTES = 16 * 1024;

    private GuestReadiness() {
    }

    static void await(Connect connect, HostName host, DomainName name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Optional<Path> console = Optional.empty();
        while (true) {
            try (DomainHandle handle = new DomainHandle(connect.domainLookupByName(name.value()))) {
                DomainRunState state = DomainStates.of(handle.domain().getInfo().state);
                DomainXmlReader xml = DomainXmlReader.of(handle.domain().getXMLDesc(0));
                console = xml.consoleLog();
                if (state == DomainRunState.SHUTOFF || state == DomainRunState.CRASHED) {
                    throw notReady(name, host, "its domain is " + state + " before the guest reported ready",
                            console);
                }
                if (state == DomainRunState.RUNNING && (!xml.hasAgentChannel() || xml.agentConnected())) {
                    return;
                }
            } catch (LibvirtException e) {
                if (LibvirtErrors.isNoDomain(e)) {
                    throw notReady(name, host, "its domain vanished before the guest reported ready", console);
                }
                throw LibvirtErrors.wrap("cannot read domain " + name + " on host " + host
                        + " while waiting for its guest", e);
            }
            if (!Instant.now().isBefore(deadline)) {
                throw notReady(name, host, "the guest did not report ready (agent channel "
                        + DomainXmlWriter.AGENT_CHANNEL + " never connected) within " + timeout.toSeconds()
                        + " s (site.guest.readyTimeout.seconds)", console);
            }
            VirtTypeProbe.sleep(POLL);
        }
    }

    private static GuestNotReadyException notReady(DomainName name, HostName host, String why,
            Optional<Path> console) {
        return new GuestNotReadyException("node " + name.node() + " (domain " + name + ") on host " + host
                + " is not ready: " + why + consoleTail(console));
    }

    /** The console log's last lines, or a word on where it is when it cannot be read from here. */
    static String consoleTail(Optional<Path> console) {
        if (console.isEmpty()) {
            return "";
        }
        try {
            List<String> lines = lastBytes(console.get()).lines()
                    .map(l -> l.replaceAll("\\p{Cntrl}", "").stripTrailing()).filter(l -> !l.isEmpty()).toList();
            if (lines.isEmpty()) {
                return "; its console log " + console.get() + " is empty (the guest printed nothing)";
            }
            return "; last lines of its console log " + console.get() + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - CONSOLE_LINES), lines.size()));
        } catch (IOException e) {
            return "; its console log is " + console.get() + " on the host";
        }
    }

    private static String lastBytes(Path file) throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, log.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (log.length() - start)];
            log.seek(start);
            log.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8);
        }
    }
}
