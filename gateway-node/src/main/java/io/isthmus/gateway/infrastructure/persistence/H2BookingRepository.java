package io.isthmus.gateway.infrastructure.persistence;

import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.BookingRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bookings in an embedded H2 file database under the gateway's data directory. One connection, used under this
 * object's lock; every save is one transaction, on disk when the call returns. A database from before windows opens
 * with its bookings windowless. An openvpn port belongs to one booking at a time: it is the
 * primary key of its row.
 */
public final class H2BookingRepository implements BookingRepository, AutoCloseable {

    private static final String SCHEMA = """
            create table if not exists booking (
              reservation_id varchar(36) primary key,
              transaction_id varchar(36) not null,
              hold_expires_ms bigint not null,
              state varchar(16) not null);
            create table if not exists booking_stitch (
              reservation_id varchar(36) not null references booking(reservation_id) on delete cascade,
              position int not null,
              segment varchar(31) not null,
              vni int not null,
              kind varchar(16) not null,
              local_vlan int,
              peers varchar(4000) not null,
              primary key (reservation_id, position));
            alter table booking_stitch add column if not exists fingerprint varchar(95);
            alter table booking add column if not exists window_start_ms bigint;
            alter table booking add column if not exists window_end_ms bigint;
            create table if not exists booking_openvpn_port (
              port int primary key,
              reservation_id varchar(36) not null references booking(reservation_id) on delete cascade,
              vni int not null,
              peer varchar(15) not null);
            create table if not exists booking_peer_endpoint (
              reservation_id varchar(36) not null references booking(reservation_id) on delete cascade,
              segment varchar(31) not null,
              peer varchar(15) not null,
              fingerprint varchar(95) not null,
              port int,
              primary key (reservation_id, segment, peer));
            """;

    private final Connection connection;

    private H2BookingRepository(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) {@code <dataDir>/gateway.mv.db}. {@code WRITE_DELAY=0}: every commit is written to
     * the file before the call returns (H2's default delays it up to 500 ms, so a killed gateway would forget calls
     * it had already acknowledged to the broker).
     */
    public static H2BookingRepository open(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("gateway")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        try {
            Connection c = DriverManager.getConnection(url, "sa", "");
            try (Statement st = c.createStatement()) {
                st.execute(SCHEMA);
            }
            c.setAutoCommit(false);
            c.commit();
            return new H2BookingRepository(c);
        } catch (SQLException e) {
            throw new StoreException("cannot open the gateway database at " + dataDir
                    + " (is another gateway process using this gateway.dataDir?)", e);
        }
    }

    @Override
    public synchronized Optional<Booking> find(ReservationId id) {
        return query("where reservation_id = ?", id.value()).stream().findFirst();
    }

    @Override
    public synchronized List<Booking> findAll() {
        return query("", null);
    }

    @Override
    public synchronized void save(Booking booking) {
        inTransaction(() -> {
            deleteRows(booking.reservationId());
            BookingRows.insertBooking(connection, booking);
            BookingRows.insertSpecs(connection, booking);
            OpenVpnRows.insert(connection, booking);
        }, "save the booking of reservation " + booking.reservationId());
    }

    @Override
    public synchronized void delete(ReservationId id) {
        inTransaction(() -> deleteRows(id), "delete the booking of reservation " + id);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the gateway database", e);
        }
    }

    private void deleteRows(ReservationId id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("delete from booking where reservation_id = ?")) {
            ps.setString(1, id.value());
            ps.executeUpdate();
        }
    }

    private List<Booking> query(String where, String arg) {
        String sql = "select b.reservation_id, b.transaction_id, b.hold_expires_ms, b.state, s.segment, s.vni, s.kind,"
                + " s.local_vlan, s.peers, b.window_start_ms, b.window_end_ms"
                + " from booking b join booking_stitch s on s.reservation_id = b.reservation_id "
                + where.replace("reservation_id", "b.reservation_id") + " order by b.reservation_id, s.position";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<Booking> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                BookingRows.read(rs, result);
            }
            List<Booking> complete = OpenVpnRows.complete(connection, result);
            connection.commit();
            return complete;
        } catch (SQLException e) {
            throw new StoreException("cannot read bookings from the gateway database", e);
        }
    }

    private void inTransaction(SqlWork work, String what) {
        try {
            work.run();
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw new StoreException("cannot " + what, e);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }
}
