package io.isthmus.gateway.infrastructure.persistence;

import io.isthmus.gateway.testsupport.TestWindows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TimeWindow;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.CertFingerprint;
import io.isthmus.gateway.domain.tunnel.OpenVpnOffer;
import io.isthmus.gateway.domain.tunnel.PeerEndpoint;
import io.isthmus.gateway.domain.tunnel.PeerPort;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2BookingRepositoryTest {

    private static final ReservationId RES = new ReservationId(UUID.randomUUID().toString());
    private static final TransactionId TX = new TransactionId(UUID.randomUUID().toString());

    private static Booking booking() {
        return Booking.held(RES, TX, TestWindows.LONG, Instant.parse("2030-01-01T00:00:00Z"), List.of(
                new StitchSpec(new SegmentName("lan"), new Vni(5001), TunnelKind.VXLAN, Optional.of(new VlanId(100)),
                        List.of(new Ipv4Address("198.51.100.2"), new Ipv4Address("198.51.100.3"))),
                new StitchSpec(new SegmentName("storage"), new Vni(5002), TunnelKind.VXLAN, Optional.empty(),
                        List.of(new Ipv4Address("198.51.100.2")))));
    }

    @Test
    void bookingsSurviveARestart(@TempDir Path dir) {
        try (H2BookingRepository repo = H2BookingRepository.open(dir)) {
            repo.save(booking());
            repo.save(booking().in(StitchState.COMMITTED, TX));
        }
        try (H2BookingRepository repo = H2BookingRepository.open(dir)) {
            assertEquals(Optional.of(booking().in(StitchState.COMMITTED, TX)), repo.find(RES));
            assertEquals(1, repo.findAll().size());
        }
    }

    @Test
    void theWindowIsStoredWithTheBooking(@TempDir Path dir) {
        TimeWindow window = new TimeWindow(Instant.parse("2030-01-02T00:00:00Z"), Instant.parse("2030-01-03T00:00:00Z"));
        Booking held = Booking.held(RES, TX, window, Instant.parse("2030-01-01T00:10:00Z"), booking().specs());
        try (H2BookingRepository repo = H2BookingRepository.open(dir)) {
            repo.save(held);
        }
        try (H2BookingRepository repo = H2BookingRepository.open(dir)) {
            assertEquals(Optional.of(window), repo.find(RES).orElseThrow().window());
        }
    }

    /** A gateway upgraded over a database written before windows: it opens, and its bookings have no window. */
    @Test
    void aDatabaseFromBeforeWindowsStillOpensWithItsBookingsWindowless(@TempDir Path dir) throws SQLException {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("gateway") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("""
                    create table booking (reservation_id varchar(36) primary key, transaction_id varchar(36) not null,
                      hold_expires_ms bigint not null, state varchar(16) not null);
                    create table booking_stitch (
                      reservation_id varchar(36) not null references booking(reservation_id) on delete cascade,
                      position int not null, segment varchar(31) not null, vni int not null, kind varchar(16) not null,
                      local_vlan int, peers varchar(4000) not null, primary key (reservation_id, position));
                    """);
            st.execute("insert into booking values ('" + RES + "', '" + TX + "', 0, 'COMMITTED')");
            st.execute("insert into booking_stitch values ('" + RES + "', 0, 'lan', 5001, 'vxlan', 100, '198.51.100.2')");
        }
        try (H2BookingRepository repo = H2BookingRepository.open(dir)) {
            Booking old = repo.find(RES).orElseThrow();
            assertEquals(Optional.empty(), old.window());
            assertEquals(StitchState.COMMITTED, old.state());
            assertEquals(Optional.of(new VlanId(100)), old.specs().get(0).localVlan());
            assertTrue(old.overlaps(TestWindows.LONG, java.time.Duration.ZERO), "it keeps its VLAN at all times");
        }
    }

    private static Booking openVpn(ReservationId id, int vni, int port) {
        Ipv4Address peer = new Ipv4Address("198.51.100.20");
        CertFingerprint fp = new CertFingerprint("AB:" + "00:".repeat(30) + "FF");
        return Booking.held(id, TX, TestWindows.LONG, Instant.parse("2030-01-01T00:00:00Z"), List.of(new StitchSpec(new SegmentName("lan"),
                        new Vni(vni), TunnelKind.OPENVPN, Optional.empty(), List.of(new Ipv4Address("198.51.100.9"), peer))))
                .withOffers(List.of(new OpenVpnOffer(new Vni(vni), fp, List.of(new PeerPort(peer, port)))))
                .withPeerEndpoints(List.of(
                        new PeerEndpoint(new SegmentName("lan"), new Ipv4Address("198.51.100.9"), fp, Optional.of(11940)),
                        new PeerEndpoint(new SegmentName("lan"), peer, fp, Optional.empty())));
    }

    @Test
    void openvpnOffersAndPeerEndpointsSurviveARestartAndAPortBelongsToOneBooking(@TempDir Path dir) {
        Booking stitched = openVpn(RES, 5001, 11941).in(StitchState.STITCHED, TX);
        try (H2BookingRepository repo = H2BookingRepository.open(dir)) {
            repo.save(stitched);
            ReservationId other = new ReservationId(UUID.randomUUID().toString());
            assertThrows(StoreException.class, () -> repo.save(openVpn(other, 5002, 11941)),
                    "the database itself refuses a second holder of UDP 11941");
            assertTrue(repo.find(other).isEmpty(), "the refused save left nothing");
        }
        try (H2BookingRepository repo = H2BookingRepository.open(dir)) {
            assertEquals(Optional.of(stitched), repo.find(RES));
            repo.delete(RES);
            repo.save(openVpn(new ReservationId(UUID.randomUUID().toString()), 5002, 11941));
        }
    }

    @Test
    void deleteForgetsTheBookingAndUnknownDeletesAreHarmless(@TempDir Path dir) {
        try (H2BookingRepository repo = H2BookingRepository.open(dir)) {
            repo.save(booking());
            repo.delete(RES);
            repo.delete(RES);
            assertTrue(repo.find(RES).isEmpty());
            assertTrue(repo.findAll().isEmpty());
        }
    }
}
