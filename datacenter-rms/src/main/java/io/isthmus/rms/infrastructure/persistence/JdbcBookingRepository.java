package io.isthmus.rms.infrastructure.persistence;

import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.BookingRepository;
import io.isthmus.rms.domain.reservation.BookingStoreException;
import io.isthmus.rms.domain.reservation.NicQos;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Bookings in H2 with plain JDBC; every write runs in one database transaction. */
public final class JdbcBookingRepository implements BookingRepository {

    private static final String SELECT = "SELECT reservation_id, transaction_id, tenant, window_start, window_end,"
            + " hold_expires, state FROM booking ";

    private final H2Database database;

    public JdbcBookingRepository(H2Database database) {
        this.database = database;
    }

    @Override
    public Optional<Booking> find(ReservationId id) {
        return query("read reservation " + id, SELECT + "WHERE reservation_id = ?", id.value()).stream().findFirst();
    }

    @Override
    public List<Booking> findAll() {
        return query("list bookings", SELECT + "ORDER BY window_start, reservation_id");
    }

    @Override
    public List<Booking> findStartingBefore(Instant end, Instant now) {
        return query("read bookings starting before " + end, SELECT
                + "WHERE window_start < ? AND NOT (state = 'HELD' AND hold_expires <= ?)",
                end.toEpochMilli(), now.toEpochMilli());
    }

    @Override
    public List<Booking> findCommittedEndedBy(Instant end) {
        return query("read bookings ended by " + end, SELECT
                + "WHERE state IN ('COMMITTED', 'PROVISIONED', 'RELEASED') AND window_end <= ?", end.toEpochMilli());
    }

    @Override
    public List<Booking> findExpiredHolds(Instant now) {
        return query("read expired holds", SELECT + "WHERE state = 'HELD' AND hold_expires <= ?", now.toEpochMilli());
    }

    @Override
    public void insert(Booking booking) {
        inTransaction("store the hold of reservation " + booking.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO booking (reservation_id, transaction_id,"
                    + " tenant, window_start, window_end, hold_expires, state) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, booking.id().value());
                s.setString(2, booking.transactionId().value());
                s.setString(3, booking.tenant());
                s.setLong(4, booking.window().start().toEpochMilli());
                s.setLong(5, booking.window().end().toEpochMilli());
                setExpiry(s, 6, booking.holdExpires());
                s.setString(7, booking.state().name());
                s.executeUpdate();
            }
            int position = 0;
            for (PlacedNode node : booking.nodes()) {
                insertNode(c, booking.id(), position++, node);
            }
        });
    }

    @Override
    public void update(Booking booking) {
        inTransaction("update reservation " + booking.id(), c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE booking SET state = ?, hold_expires = ? WHERE reservation_id = ?")) {
                s.setString(1, booking.state().name());
                setExpiry(s, 2, booking.holdExpires());
                s.setString(3, booking.id().value());
                if (s.executeUpdate() != 1) {
                    throw new SQLException("no booking row for reservation " + booking.id());
                }
            }
        });
    }

    @Override
    public boolean delete(ReservationId id) {
        boolean[] deleted = {false};
        inTransaction("delete reservation " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM booking WHERE reservation_id = ?")) {
                s.setString(1, id.value());
                deleted[0] = s.executeUpdate() == 1;
            }
        });
        return deleted[0];
    }

    private static void insertNode(Connection c, ReservationId id, int position, PlacedNode node) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO booking_node (reservation_id, position, node, host,"
                + " vcpus, memory_mib, disk_gib, image, nested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id.value());
            s.setInt(2, position);
            s.setString(3, node.name().value());
            s.setString(4, node.host().value());
            s.setInt(5, node.spec().vcpus());
            s.setInt(6, node.spec().memoryMib());
            s.setInt(7, node.spec().diskGib());
            s.setString(8, node.spec().image().value());
            s.setBoolean(9, node.spec().nestedVirtualization());
            s.executeUpdate();
        }
        int nicPosition = 0;
        for (NicSpec nic : node.spec().nics()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO booking_nic (reservation_id, node, position,"
                    + " segment, vni, mac, ipv4, prefix_length, qos_priority, qos_min_mbps, qos_max_mbps, qos_max_pps)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, id.value());
                s.setString(2, node.name().value());
                s.setInt(3, nicPosition++);
                s.setString(4, nic.segment());
                s.setInt(5, nic.vni().value());
                s.setString(6, nic.mac().value());
                s.setString(7, nic.ipv4().orElse(null));
                s.setInt(8, nic.prefixLength());
                Optional<NicQos> qos = nic.qos();
                setInt(s, 9, qos.map(q -> OptionalInt.of(q.priority())).orElse(OptionalInt.empty()));
                setInt(s, 10, qos.map(q -> OptionalInt.of(q.minMbps())).orElse(OptionalInt.empty()));
                setInt(s, 11, qos.map(NicQos::maxMbps).orElse(OptionalInt.empty()));
                setInt(s, 12, qos.map(NicQos::maxPacketsPerSecond).orElse(OptionalInt.empty()));
                s.executeUpdate();
            }
        }
    }

    private static void setInt(PreparedStatement s, int index, OptionalInt value) throws SQLException {
        if (value.isPresent()) {
            s.setInt(index, value.getAsInt());
        } else {
            s.setNull(index, Types.INTEGER);
        }
    }

    private static void setExpiry(PreparedStatement s, int index, Optional<Instant> expiry) throws SQLException {
        if (expiry.isPresent()) {
            s.setLong(index, expiry.get().toEpochMilli());
        } else {
            s.setNull(index, Types.BIGINT);
        }
    }

    private List<Booking> query(String what, String sql, Object... parameters) {
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return new BookingReader(c).readAll(s.executeQuery());
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private void inTransaction(String what, SqlWork work) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private BookingStoreException failure(String what, SQLException e) {
        return new BookingStoreException("could not " + what + " in the booking database " + database.file()
                + " (SQL state " + e.getSQLState() + "): " + e.getMessage(), e);
    }

    /** One unit of JDBC work inside a transaction. */
    @FunctionalInterface
    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }
}
