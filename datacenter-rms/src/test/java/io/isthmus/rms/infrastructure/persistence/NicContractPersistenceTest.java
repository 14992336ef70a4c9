package io.isthmus.rms.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.NicQos;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.HostName;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A NIC's prefix length and bandwidth contract survive an RMS restart, also in a database from before them. */
class NicContractPersistenceTest {

    @TempDir
    Path dataDir;
    private final ReservationId id = new ReservationId(UUID.randomUUID().toString());

    private Booking booking(NicSpec... nics) {
        NodeSpec node = new NodeSpec(new NodeName("vm-1"), 2, 2048, 20, new ImageRef("debian-12"), true,
                Optional.empty(), List.of(nics));
        return new Booking(id, new TransactionId(UUID.randomUUID().toString()), "acme",
                new TimeWindow(Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-02T00:00:00Z")),
                Optional.empty(), BookingState.PROVISIONED, List.of(new PlacedNode(node, new HostName("a1"))));
    }

    private static NicSpec nic(String mac, int prefix, Optional<NicQos> qos) {
        return new NicSpec("lan", new Vni(77), new MacAddress(mac), Optional.of("10.9.0.1"), prefix, qos);
    }

    @Test
    void contractsAndPrefixesAreReadBackAfterTheDatabaseIsReopened() {
        Booking stored = booking(
                nic("52:54:00:00:00:01", 16, Optional.of(new NicQos(2, 10, OptionalInt.of(50), OptionalInt.of(900)))),
                nic("52:54:00:00:00:02", 28, Optional.of(new NicQos(7, 0, OptionalInt.empty(), OptionalInt.empty()))),
                nic("52:54:00:00:00:03", 24, Optional.empty()));
        try (H2Database database = H2Database.open(dataDir)) {
            new JdbcBookingRepository(database).insert(stored);
        }

        try (H2Database reopened = H2Database.open(dataDir)) {
            assertEquals(Optional.of(stored), new JdbcBookingRepository(reopened).find(id));
        }
    }

    @Test
    void aDatabaseWrittenBeforeContractsExistedGainsTheColumnsAndReadsItsNicsAsSlashTwentyFourUnshaped()
            throws Exception {
        Path file = dataDir.toAbsolutePath().resolve("rms");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file, "rms", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE booking (reservation_id VARCHAR(36) PRIMARY KEY, transaction_id VARCHAR(36)"
                    + " NOT NULL, tenant VARCHAR(31) NOT NULL, window_start BIGINT NOT NULL, window_end BIGINT NOT"
                    + " NULL, hold_expires BIGINT, state VARCHAR(16) NOT NULL)");
            s.execute("CREATE TABLE booking_node (reservation_id VARCHAR(36) NOT NULL REFERENCES"
                    + " booking(reservation_id) ON DELETE CASCADE, position INT NOT NULL, node VARCHAR(31) NOT NULL,"
                    + " host VARCHAR(31) NOT NULL, vcpus INT NOT NULL, memory_mib INT NOT NULL, disk_gib INT NOT NULL,"
                    + " image VARCHAR(64) NOT NULL, nested BOOLEAN NOT NULL, PRIMARY KEY (reservation_id, node))");
            s.execute("CREATE TABLE booking_nic (reservation_id VARCHAR(36) NOT NULL, node VARCHAR(31) NOT NULL,"
                    + " position INT NOT NULL, segment VARCHAR(31) NOT NULL, vni INT NOT NULL, mac VARCHAR(17) NOT"
                    + " NULL, ipv4 VARCHAR(15), PRIMARY KEY (reservation_id, node, position), FOREIGN KEY"
                    + " (reservation_id, node) REFERENCES booking_node(reservation_id, node) ON DELETE CASCADE)");
            s.execute("INSERT INTO booking VALUES ('" + id + "', '" + UUID.randomUUID() + "', 'acme', 1893456000000,"
                    + " 1893542400000, NULL, 'PROVISIONED')");
            s.execute("INSERT INTO booking_node VALUES ('" + id + "', 0, 'vm-1', 'a1', 2, 2048, 20, 'debian-12', TRUE)");
            s.execute("INSERT INTO booking_nic VALUES ('" + id + "', 'vm-1', 0, 'lan', 77, '52:54:00:00:00:01',"
                    + " '10.9.0.1')");
        }

        try (H2Database upgraded = H2Database.open(dataDir)) {
            JdbcBookingRepository bookings = new JdbcBookingRepository(upgraded);
            NicSpec old = bookings.find(id).orElseThrow().nodes().get(0).spec().nics().get(0);
            assertEquals(nic("52:54:00:00:00:01", 24, Optional.empty()), old);

            Booking withContract = booking(nic("52:54:00:00:00:02", 20,
                    Optional.of(new NicQos(0, 1, OptionalInt.of(2), OptionalInt.empty()))));
            bookings.delete(id);
            bookings.insert(withContract);
            assertEquals(Optional.of(withContract), bookings.find(id), "the upgraded tables store contracts");
        }
    }
}
