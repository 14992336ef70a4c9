package io.isthmus.broker.infrastructure.persistence;

import static io.isthmus.broker.infrastructure.persistence.StoredReservations.T0;
import static io.isthmus.broker.testsupport.ViBuilder.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.LifecycleState;
import io.isthmus.broker.domain.reservation.NicAssignment;
import io.isthmus.broker.domain.reservation.NicBandwidth;
import io.isthmus.broker.domain.reservation.Participant;
import io.isthmus.broker.domain.reservation.Participant.Role;
import io.isthmus.broker.domain.reservation.ProvisionState;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.ReservationState;
import io.isthmus.broker.domain.reservation.ReservedNode;
import io.isthmus.broker.domain.reservation.ReservedSegment;
import io.isthmus.broker.domain.reservation.SegmentSpec;
import io.isthmus.broker.domain.reservation.TimeWindow;
import io.isthmus.broker.domain.site.HostName;
import io.isthmus.broker.domain.site.SiteId;
import io.isthmus.broker.testsupport.TestDatabase;
import io.isthmus.broker.testsupport.ViBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReservationSurvivesRestartTest {
    @TempDir
    Path dir;

    @Test
    void aPlacedReservationReadsBackWhole() {
        Reservation original = placedReservation("corr-1");
        try (TestDatabase db = TestDatabase.open(dir)) {
            db.run(em -> em.persist(original));
        }

        Reservation loaded;
        try (TestDatabase db = TestDatabase.open(dir)) {
            loaded = db.inTransaction(em -> {
                JpaReservationRepository repository = new JpaReservationRepository();
                repository.em = em;
                return repository.find(original.id()).orElseThrow();
            });
        }

        assertEquals(original.id(), loaded.id());
        assertEquals("requester-1", loaded.requesterId());
        assertEquals("corr-1", loaded.correlationId());
        assertEquals("acme", loaded.tenant());
        assertEquals(new TimeWindow(T0.plusSeconds(3600), T0.plusSeconds(10_800)), loaded.window());
        assertEquals(ReservationState.ReserveHeld, loaded.reservationState());
        assertEquals(ProvisionState.Released, loaded.provisionState());
        assertEquals(LifecycleState.Created, loaded.lifecycleState());
        assertEquals(Optional.of(T0.plusSeconds(120)), loaded.holdExpires());
        assertEquals("tx-1", loaded.transactionId());
        assertEquals(io.isthmus.broker.domain.reservation.TunnelKind.VXLAN, loaded.tunnelKind());
        assertEquals(Optional.of(FaultKind.UNAVAILABLE), loaded.lastErrorKind());
        assertEquals(Optional.of("site-b did not answer"), loaded.lastError());

        assertEquals(List.of("web-1@site-a/a1 [mgmt 02:49:53:00:00:01 10.0.0.10 50..50 Mbit/s]",
                        "db-1@site-b/b1 [mgmt 02:49:53:00:00:02 null unshaped, storage 02:49:53:00:00:03 null 200..null Mbit/s]"),
                loaded.nodes().stream().map(ReservationSurvivesRestartTest::describe).toList());
        assertEquals(List.of("mgmt vlan 100 10.0.0.0/24 vni 5000", "storage vlan 200 null vni 5001"),
                loaded.segments().stream().map(s -> s.name() + " vlan " + s.vlan() + " " + s.cidr() + " vni " + s.vni())
                        .toList());
        assertEquals(List.of(
                        "SITE site-a http://198.51.100.20:8080/rms null site-a",
                        "SITE_GATEWAY gw-a http://198.51.100.2:8081/gateway 198.51.100.2 site-a",
                        "SITE site-b http://198.51.100.30:8080/rms null site-b",
                        "SITE_GATEWAY gw-b http://198.51.100.3:8081/gateway 198.51.100.3 site-b",
                        "REQUESTER_GATEWAY gw-req http://198.51.100.1:8081/gateway 198.51.100.1 null"),
                loaded.participants().stream().map(p -> p.role() + " " + p.participantId() + " " + p.endpoint() + " "
                        + p.tunnelAddress().orElse(null) + " " + p.site().orElse(null)).toList());
    }

    @Test
    void reservationsAddedAfterARestartKeepTheirOwnNodes() {
        Reservation before = placedReservation("corr-1");
        try (TestDatabase db = TestDatabase.open(dir)) {
            db.run(em -> em.persist(before));
        }
        Reservation after = placedReservation("corr-2");
        try (TestDatabase db = TestDatabase.open(dir)) {
            db.run(em -> em.persist(after));
        }

        try (TestDatabase db = TestDatabase.open(dir)) {
            for (Reservation r : List.of(before, after)) {
                Reservation loaded = db.inTransaction(em -> em.find(Reservation.class, r.id().value()));
                assertEquals(List.of("web-1", "db-1"), loaded.nodes().stream().map(ReservedNode::name).toList());
                assertEquals(3, loaded.nodes().stream().mapToInt(n -> n.nics().size()).sum());
            }
        }
    }

    private static String describe(ReservedNode n) {
        return n.name() + "@" + n.site() + "/" + n.host().map(HostName::value).orElse("?") + " " + n.nics().stream()
                .map(nic -> nic.segment() + " " + nic.mac() + " " + nic.ipv4() + " " + nic.bandwidth()
                        .map(b -> b.minMbps() + ".." + b.maxMbps() + " Mbit/s").orElse("unshaped")).toList();
    }

    private static Reservation placedReservation(String correlation) {
        Reservation r = new Reservation(ReservationId.random(), "requester-1", correlation, ViBuilder.valid().build(),
                T0);
        StoredReservations.held(r, T0.plusSeconds(120));
        r.beginHold("tx-1", T0.plusSeconds(120));
        r.recordError(FaultKind.UNAVAILABLE, "site-b did not answer", T0);
        r.replacePlacement(
                List.of(new ReservedNode(node("web-1", 2, 2048, 10), new SiteId("site-a"), new HostName("a1"),
                                List.of(new NicAssignment("mgmt", "02:49:53:00:00:01", "10.0.0.10",
                                        Optional.of(new NicBandwidth(50, 50))))),
                        new ReservedNode(node("db-1", 4, 4096, 20), new SiteId("site-b"), new HostName("b1"),
                                List.of(new NicAssignment("mgmt", "02:49:53:00:00:02", null),
                                        new NicAssignment("storage", "02:49:53:00:00:03", null,
                                                Optional.of(new NicBandwidth(200, null)))))),
                List.of(new ReservedSegment(new SegmentSpec("mgmt", 100, "10.0.0.0/24"), 5000),
                        new ReservedSegment(new SegmentSpec("storage", 200, null), 5001)),
                List.of(participant(Role.SITE, "site-a", "198.51.100.20:8080/rms", null, "site-a"),
                        participant(Role.SITE_GATEWAY, "gw-a", "198.51.100.2:8081/gateway", "198.51.100.2", "site-a"),
                        participant(Role.SITE, "site-b", "198.51.100.30:8080/rms", null, "site-b"),
                        participant(Role.SITE_GATEWAY, "gw-b", "198.51.100.3:8081/gateway", "198.51.100.3", "site-b"),
                        participant(Role.REQUESTER_GATEWAY, "gw-req", "198.51.100.1:8081/gateway", "198.51.100.1",
                                null)));
        return r;
    }

    private static Participant participant(Role role, String id, String hostPath, String tunnel, String site) {
        URI endpoint = URI.create("http://" + hostPath);
        return switch (role) {
            case SITE -> Participant.site(new SiteId(site), endpoint);
            case SITE_GATEWAY -> Participant.siteGateway(id, endpoint, tunnel, new SiteId(site));
            case REQUESTER_GATEWAY -> Participant.requesterGateway(id, endpoint, tunnel);
        };
    }
}
