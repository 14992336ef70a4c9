package io.isthmus.rms.infrastructure.persistence;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Turns booking rows (and their node and NIC rows) back into {@link Booking} values. */
final class BookingReader {

    private final Connection connection;

    BookingReader(Connection connection) {
        this.connection = connection;
    }

    List<Booking> readAll(ResultSet rows) throws SQLException {
        List<Booking> bookings = new ArrayList<>();
        try (rows) {
            while (rows.next()) {
                ReservationId id = new ReservationId(rows.getString("reservation_id"));
                long expires = rows.getLong("hold_expires");
                Optional<Instant> holdExpires = rows.wasNull() ? Optional.empty()
                        : Optional.of(Instant.ofEpochMilli(expires));
                bookings.add(new Booking(id, new TransactionId(rows.getString("transaction_id")),
                        rows.getString("tenant"),
                        new TimeWindow(Instant.ofEpochMilli(rows.getLong("window_start")),
                                Instant.ofEpochMilli(rows.getLong("window_end"))),
                        holdExpires, BookingState.valueOf(rows.getString("state")), nodes(id)));
            }
        }
        return bookings;
    }

    private List<PlacedNode> nodes(ReservationId id) throws SQLException {
        List<PlacedNode> nodes = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT node, host, vcpus, memory_mib, disk_gib, image,"
                + " nested FROM booking_node WHERE reservation_id = ? ORDER BY position")) {
            s.setString(1, id.value());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    NodeName name = new NodeName(r.getString("node"));
                    NodeSpec spec = new NodeSpec(name, r.getInt("vcpus"), r.getInt("memory_mib"), r.getInt("disk_gib"),
                            new ImageRef(r.getString("image")), r.getBoolean("nested"), Optional.empty(),
                            nics(id, name));
                    nodes.add(new PlacedNode(spec, new HostName(r.getString("host"))));
                }
            }
        }
        return nodes;
    }

    private List<NicSpec> nics(ReservationId id, NodeName node) throws SQLException {
        List<NicSpec> nics = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT segment, vni, mac, ipv4, prefix_length,"
                + " qos_priority, qos_min_mbps, qos_max_mbps, qos_max_pps FROM booking_nic"
                + " WHERE reservation_id = ? AND node = ? ORDER BY position")) {
            s.setString(1, id.value());
            s.setString(2, node.value());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    OptionalInt prefix = optionalInt(r, "prefix_length");
                    nics.add(new NicSpec(r.getString("segment"), new Vni(r.getInt("vni")),
                            new MacAddress(r.getString("mac")), Optional.ofNullable(r.getString("ipv4")),
                            prefix.orElse(NicSpec.DEFAULT_PREFIX_LENGTH), qos(r)));
                }
            }
        }
        return nics;
    }

    /** A NIC stored with a contract has its priority; rows written before contracts existed have none. */
    private static Optional<NicQos> qos(ResultSet r) throws SQLException {
        OptionalInt priority = optionalInt(r, "qos_priority");
        if (priority.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NicQos(priority.getAsInt(), r.getInt("qos_min_mbps"), optionalInt(r, "qos_max_mbps"),
                optionalInt(r, "qos_max_pps")));
    }

    private static OptionalInt optionalInt(ResultSet r, String column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
