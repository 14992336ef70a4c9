package io.isthmus.gateway.infrastructure.persistence;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.CertFingerprint;
import io.isthmus.gateway.domain.tunnel.OpenVpnOffer;
import io.isthmus.gateway.domain.tunnel.PeerEndpoint;
import io.isthmus.gateway.domain.tunnel.PeerPort;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps a booking's openvpn parts to and from their rows: the offer's fingerprint (a column of its stitch row), its
 * listening ports (one row per port) and the peers' endpoints (one row per segment and peer).
 */
final class OpenVpnRows {

    private OpenVpnRows() {
    }

    static void insert(Connection c, Booking booking) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into booking_openvpn_port values (?, ?, ?, ?)")) {
            for (OpenVpnOffer offer : booking.offers()) {
                for (PeerPort listen : offer.listen()) {
                    ps.setInt(1, listen.port());
                    ps.setString(2, booking.reservationId().value());
                    ps.setInt(3, offer.vni().value());
                    ps.setString(4, listen.peer().value());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into booking_peer_endpoint values (?, ?, ?, ?, ?)")) {
            for (PeerEndpoint e : booking.peerEndpoints()) {
                ps.setString(1, booking.reservationId().value());
                ps.setString(2, e.segment().value());
                ps.setString(3, e.peer().value());
                ps.setString(4, e.fingerprint().value());
                if (e.port().isPresent()) {
                    ps.setInt(5, e.port().get());
                } else {
                    ps.setNull(5, Types.INTEGER);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The bookings with their offers and peer endpoints read back. */
    static List<Booking> complete(Connection c, List<Booking> bookings) throws SQLException {
        List<Booking> complete = new ArrayList<>();
        for (Booking b : bookings) {
            complete.add(b.withOffers(offers(c, b)).withPeerEndpoints(endpoints(c, b)));
        }
        return complete;
    }

    private static List<OpenVpnOffer> offers(Connection c, Booking b) throws SQLException {
        List<OpenVpnOffer> offers = new ArrayList<>();
        for (StitchSpec spec : b.specs()) {
            Optional<CertFingerprint> fingerprint = fingerprint(c, b, spec.vni());
            if (fingerprint.isPresent()) {
                offers.add(new OpenVpnOffer(spec.vni(), fingerprint.get(), ports(c, b, spec.vni())));
            }
        }
        return offers;
    }

    private static Optional<CertFingerprint> fingerprint(Connection c, Booking b, Vni vni) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select fingerprint from booking_stitch where reservation_id = ? and vni = ?")) {
            ps.setString(1, b.reservationId().value());
            ps.setInt(2, vni.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? Optional.of(new CertFingerprint(rs.getString(1)))
                        : Optional.empty();
            }
        }
    }

    private static List<PeerPort> ports(Connection c, Booking b, Vni vni) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select peer, port from booking_openvpn_port"
                + " where reservation_id = ? and vni = ? order by port")) {
            ps.setString(1, b.reservationId().value());
            ps.setInt(2, vni.value());
            List<PeerPort> ports = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ports.add(new PeerPort(new Ipv4Address(rs.getString(1)), rs.getInt(2)));
                }
            }
            return ports;
        }
    }

    private static List<PeerEndpoint> endpoints(Connection c, Booking b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select segment, peer, fingerprint, port"
                + " from booking_peer_endpoint where reservation_id = ? order by segment, peer")) {
            ps.setString(1, b.reservationId().value());
            List<PeerEndpoint> endpoints = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int port = rs.getInt(4);
                    Optional<Integer> maybePort = rs.wasNull() ? Optional.empty() : Optional.of(port);
                    endpoints.add(new PeerEndpoint(new SegmentName(rs.getString(1)), new Ipv4Address(rs.getString(2)),
                            new CertFingerprint(rs.getString(3)), maybePort));
                }
            }
            return endpoints;
        }
    }
}
