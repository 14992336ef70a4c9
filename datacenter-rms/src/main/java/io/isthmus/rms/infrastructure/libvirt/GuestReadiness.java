package io.isthmus.rms.infrastructure.libvirt;

import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainRunState;
import io.isthmus.rms.domain.compute.GuestNotReadyException;
import io.isthmus.rms.domain.site.HostName;
import java.time.Duration;
import java.time.Instant;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * Waits for a guest to say it is ready: libvirt marks the agent channel {@code state='connected'} in the live XML
 * once the guest opens its end (a stock cloud image's qemu-guest-agent does, as does the test image). A domain
 * without the channel (the test driver) is ready as soon as it runs. A domain that shuts off or crashes first fails
 * at once (a paused one, e.g. still starting up, is waited for). The caller adds the console's last lines, which it
 * reads through the host's storage ({@link GuestNotReadyException#withConsole}).
 */
final class GuestReadiness {

    static final Duration POLL = Duration.ofMillis(200);

    private GuestReadiness() {
    }

    static void await(Connect connect, HostName host, DomainName name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (DomainHandle handle = new DomainHandle(connect.domainLookupByName(name.value()))) {
                DomainRunState state = DomainStates.of(handle.domain().getInfo().state);
                DomainXmlReader xml = DomainXmlReader.of(handle.domain().getXMLDesc(0));
                if (state == DomainRunState.SHUTOFF || state == DomainRunState.CRASHED) {
                    throw notReady(name, host, "its domain is " + state + " before the guest reported ready");
                }
                if (state == DomainRunState.RUNNING && (!xml.hasAgentChannel() || xml.agentConnected())) {
                    return;
                }
            } catch (LibvirtException e) {
                if (LibvirtErrors.isNoDomain(e)) {
                    throw notReady(name, host, "its domain vanished before the guest reported ready");
                }
                throw LibvirtErrors.wrap("cannot read domain " + name + " on host " + host
                        + " while waiting for its guest", e);
            }
            if (!Instant.now().isBefore(deadline)) {
                throw notReady(name, host, "the guest did not report ready (agent channel "
                        + DomainXmlWriter.AGENT_CHANNEL + " never connected) within " + timeout.toSeconds()
                        + " s (site.guest.readyTimeout.seconds)");
            }
            VirtTypeProbe.sleep(POLL);
        }
    }

    private static GuestNotReadyException notReady(DomainName name, HostName host, String why) {
        return new GuestNotReadyException("node " + name.node() + " (domain " + name + ") on host " + host
                + " is not ready: " + why);
    }
}
