package io.isthmus.rms;

import static io.isthmus.rms.TestSite.nic;
import static io.isthmus.rms.TestSite.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.application.reservation.NodeView;
import io.isthmus.rms.application.reservation.ReservationView;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainRunState;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.ReservationConflictException;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.site.HostName;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provision, release and terminate on two emulated hosts, each its own libvirt test:// connection. */
class ProvisioningComponentTest {

    @TempDir
    Path dataDir;
    private RmsComponents site;
    private final Instant now = Instant.now();
    private final ReservationId id = TestSite.newReservation();
    private final TransactionId tx = TestSite.newTransaction();

    @BeforeEach
    void openSite() {
        site = RmsComponents.open(TestSite.config(dataDir), new MutableClock(now));
        site.holds().prepare(TestSite.prepare(id, tx, now,
                node("hv-1", 4, 16384, true, Optional.empty(),
                        nic("lan", 5001, "52:54:00:aa:00:01"), nic("storage", 5002, "52:54:00:aa:00:02")),
                node("web-1", 2, 4096, false, Optional.of("a2"), nic("lan", 5001, "52:54:00:aa:00:03"))));
        site.holds().commit(id, tx);
    }

    @AfterEach
    void closeSite() {
        site.close();
    }

    private Optional<String> libvirtXml(String host, String node) {
        return site.compute().definition(new HostName(host), DomainName.of(id, new NodeName(node)));
    }

    @Test
    void provisionStartsOneDomainPerNodeOnItsHostWithTheBrokersMacsAndNestedCpu() {
        ReservationView view = site.lifecycle().provision(id, tx);

        assertEquals(BookingState.PROVISIONED, view.state());
        String hv = libvirtXml("a1", "hv-1").orElseThrow();
        assertTrue(hv.contains("<mac address='52:54:00:aa:00:01'/>"), hv);
        assertTrue(hv.contains("<mac address='52:54:00:aa:00:02'/>"), hv);
        assertTrue(hv.contains("<source bridge='isbr5001'/>"), hv);
        assertTrue(hv.contains("<source bridge='isbr5002'/>"), hv);
        assertTrue(hv.contains("<cpu mode='host-passthrough'>"), hv);
        assertTrue(hv.contains("<feature policy='require' name='vmx'/>"), hv);
        assertTrue(hv.contains("<source file='" + dataDir.resolve("instances/a1/" + DomainName.of(id,
                new NodeName("hv-1")) + "/overlay.qcow2") + "'/>"), "the VM's own overlay, not the image: " + hv);
        String web = libvirtXml("a2", "web-1").orElseThrow();
        assertTrue(web.contains("<mac address='52:54:00:aa:00:03'/>"), web);
        assertEquals(Optional.empty(), libvirtXml("a1", "web-1"), "web-1 runs on a2 only");

        NodeView hvView = view.nodes().get(0);
        assertEquals("a1", hvView.host().value());
        assertEquals(DomainRunState.RUNNING, hvView.state());
        assertEquals("host-passthrough", hvView.cpuMode().orElseThrow());
        assertEquals(Optional.of(true), hvView.nestedVirtualization());
        assertEquals(List.of(new MacAddress("52:54:00:aa:00:01"), new MacAddress("52:54:00:aa:00:02")), hvView.macs());
        assertEquals(DomainRunState.RUNNING, view.nodes().get(1).state());
    }

    @Test
    void provisionTwiceLeavesTheSameRunningDomains() {
        site.lifecycle().provision(id, tx);
        ReservationView again = site.lifecycle().provision(id, tx);
        assertEquals(BookingState.PROVISIONED, again.state());
        assertTrue(again.nodes().stream().allMatch(n -> n.state() == DomainRunState.RUNNING));
    }

    @Test
    void releaseRemovesTheDomainsButKeepsTheBooking() {
        site.lifecycle().provision(id, tx);
        ReservationView released = site.lifecycle().release(id, tx);

        assertEquals(BookingState.RELEASED, released.state());
        assertEquals(Optional.empty(), libvirtXml("a1", "hv-1"));
        assertEquals(Optional.empty(), libvirtXml("a2", "web-1"));
        assertTrue(released.nodes().stream().allMatch(n -> n.state() == DomainRunState.ABSENT));
        long freeOnA1 = site.capacity().capacity(Optional.of(TestSite.window(now))).hosts().get(0).free().memoryMib();
        assertEquals(65536 - 16384, freeOnA1, "a released booking still holds its capacity");
        assertEquals(BookingState.PROVISIONED, site.lifecycle().provision(id, tx).state(), "released can be provisioned again");
    }

    @Test
    void terminateRemovesDomainsAndBookingAndFreesCapacity() {
        site.lifecycle().provision(id, tx);
        ReservationView terminated = site.lifecycle().terminate(id, tx);

        assertEquals(BookingState.TERMINATED, terminated.state());
        assertEquals(Optional.empty(), libvirtXml("a1", "hv-1"));
        assertEquals(Optional.empty(), libvirtXml("a2", "web-1"));
        assertEquals(BookingState.NONE, site.status().status(id).state());
        assertTrue(site.status().statusOfAll().isEmpty());
        site.capacity().capacity(Optional.empty()).hosts()
                .forEach(h -> assertEquals(h.host().total(), h.free(), "host " + h.host().name() + " is free again"));
        assertEquals(BookingState.TERMINATED, site.lifecycle().terminate(id, tx).state(), "terminate twice is a no-op");
    }

    @Test
    void abortOfAProvisionedReservationRemovesEverything() {
        site.lifecycle().provision(id, tx);
        assertEquals(BookingState.ABORTED, site.lifecycle().abort(id, tx).state());
        assertEquals(Optional.empty(), libvirtXml("a1", "hv-1"));
        assertEquals(BookingState.ABORTED,
                site.lifecycle().abort(TestSite.newReservation(), TestSite.newTransaction()).state(),
                "abort of an unknown reservation succeeds and does nothing");
    }

    @Test
    void aHeldReservationCannotBeProvisioned() {
        ReservationId held = TestSite.newReservation();
        TransactionId heldBy = TestSite.newTransaction();
        site.holds().prepare(TestSite.prepare(held, heldBy, now, node("x", 1, 1024, false, Optional.empty())));
        ReservationConflictException e = assertThrows(ReservationConflictException.class,
                () -> site.lifecycle().provision(held, heldBy));
        assertTrue(e.getMessage().contains("commit it before you provision it"), e.getMessage());
        assertEquals(Optional.empty(), site.compute().definition(new HostName("a2"), DomainName.of(held, new NodeName("x"))));
    }
}
