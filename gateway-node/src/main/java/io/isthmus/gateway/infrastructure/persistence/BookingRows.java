package io.isthmus.gateway.infrastructure.persistence;

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
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Maps bookings to and from their rows (one booking row, one row per stitch). */
final class BookingRows {

    private BookingRows() {
    }

    static void insertBooking(Connection c, Booking booking) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into booking (reservation_id, transaction_id,"
                + " hold_expires_ms, state, window_start_ms, window_end_ms) values (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, booking.reservationId().value());
            ps.setString(2, booking.transactionId().value());
            ps.setLong(3, booking.holdExpires().toEpochMilli());
            ps.setString(4, booking.state().name());
            if (booking.window().isPresent()) {
                ps.setLong(5, booking.window().get().start().toEpochMilli());
                ps.setLong(6, booking.window().get().end().toEpochMilli());
            } else {
                ps.setNull(5, Types.BIGINT);
                ps.setNull(6, Types.BIGINT);
            }
            ps.executeUpdate();
        }
    }

    static void insertSpecs(Connection c, Booking booking) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into booking_stitch"
                + " (reservation_id, position, segment, vni, kind, local_vlan, peers, fingerprint)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (StitchSpec spec : booking.specs()) {
                ps.setString(1, booking.reservationId().value());
                ps.setInt(2, position++);
                ps.setString(3, spec.segment().value());
                ps.setInt(4, spec.vni().value());
                ps.setString(5, spec.kind().wireName());
                if (spec.localVlan().isPresent()) {
                    ps.setInt(6, spec.localVlan().get().value());
                } else {
                    ps.setNull(6, Types.INTEGER);
                }
                ps.setString(7, spec.peers().stream().map(Ipv4Address::value).collect(Collectors.joining(",")));
                ps.setString(8, booking.offerFor(spec.vni()).map(o -> o.fingerprint().value()).orElse(null));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Reads rows ordered by reservation then position, grouping them into bookings. */
    static void read(ResultSet rs, List<Booking> into) throws SQLException {
        Booking current = null;
        List<StitchSpec> specs = new ArrayList<>();
        while (rs.next()) {
            ReservationId id = new ReservationId(rs.getString(1));
            if (current != null && !current.reservationId().equals(id)) {
                into.add(withSpecs(current, specs));
                specs.clear();
            }
            if (current == null || !current.reservationId().equals(id)) {
                current = new Booking(id, new TransactionId(rs.getString(2)), window(rs),
                        Instant.ofEpochMilli(rs.getLong(3)), StitchState.valueOf(rs.getString(4)), List.of());
            }
            specs.add(spec(rs));
        }
        if (current != null) {
            into.add(withSpecs(current, specs));
        }
    }

    /** Bookings stored before the gateway knew windows have none. */
    private static Optional<TimeWindow> window(ResultSet rs) throws SQLException {
        long start = rs.getLong(10);
        if (rs.wasNull()) {
            return Optional.empty();
        }
        return Optional.of(new TimeWindow(Instant.ofEpochMilli(start), Instant.ofEpochMilli(rs.getLong(11))));
    }

    private static StitchSpec spec(ResultSet rs) throws SQLException {
        int vlan = rs.getInt(8);
        Optional<VlanId> localVlan = rs.wasNull() ? Optional.empty() : Optional.of(new VlanId(vlan));
        List<Ipv4Address> peers = Arrays.stream(rs.getString(9).split(",")).map(Ipv4Address::new).toList();
        return new StitchSpec(new SegmentName(rs.getString(5)), new Vni(rs.getInt(6)),
                TunnelKind.fromWireName(rs.getString(7)), localVlan, peers);
    }

    private static Booking withSpecs(Booking b, List<StitchSpec> specs) {
        return new Booking(b.reservationId(), b.transactionId(), b.window(), b.holdExpires(), b.state(), specs);
    }
}
