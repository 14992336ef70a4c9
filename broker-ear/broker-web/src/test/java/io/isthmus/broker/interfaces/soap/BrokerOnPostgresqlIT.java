package io.isthmus.broker.interfaces.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.testsupport.PostgresTestServer;
import io.isthmus.schema.broker.v1.ReservationRef;
import io.isthmus.schema.broker.v1.Reserve;
import io.isthmus.schema.v1.ReservationState;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.wsdl.broker.BrokerServicePort;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production database: the broker WAR on Payara Micro with {@code isthmus.db.url} naming a real PostgreSQL
 * server creates its schema there, and a reservation made through SOAP is stored there, as a plain JDBC read shows.
 */
class BrokerOnPostgresqlIT {
    @TempDir
    Path work;

    @Test
    void theDeployedBrokerKeepsItsReservationsInPostgresql() throws Exception {
        String db = PostgresTestServer.shared().database("isthmus_broker_on_payara");
        Map<String, String> settings = Map.of("isthmus.db.url", db, "isthmus.db.user", PostgresTestServer.USER,
                "isthmus.db.password", PostgresTestServer.PASSWORD,
                "isthmus.sites", SiteAndGateways.SITES, "isthmus.hold.seconds", "300",
                "isthmus.requesterGateways", SiteAndGateways.REQUESTER_GATEWAYS,
                "isthmus.requesterGateways.grants", SiteAndGateways.GRANTS);
        try (SiteAndGateways federation = SiteAndGateways.start();
             PayaraMicroProcess micro = PayaraMicroProcess.deploy(Path.of("target/isthmus.war"),
                     Path.of("target/payara-micro.jar"), settings, work)) {
            BrokerServicePort broker = SiteAndGateways.broker(micro.base());
            Reserve request = new Reserve();
            request.setVirtualInfrastructure(SiteAndGateways.vi("t-pg", 4096));
            ReservationSummary held = broker.reserve(request, SiteAndGateways.header()).getSummary();
            assertEquals(ReservationState.RESERVE_HELD, held.getReservationState());

            String id = held.getReservationId();
            assertEquals("ReserveHeld/Created", states(db, id));
            assertEquals(1, count(db, "select count(*) from vni_allocation where reservation_id = ?", id));
            assertTrue(count(db, "select count(*) from allocation_counter where name in ('vni', 'mac')", null) == 2,
                    "the counters were seeded at deployment");

            ReservationRef ref = new ReservationRef();
            ref.setReservationId(id);
            broker.reserveAbort(ref, SiteAndGateways.header());
            assertEquals("ReserveStart/Terminated", states(db, id));
            assertEquals(0, count(db, "select count(*) from vni_allocation where reservation_id = ?", id));
        }
    }

    private static String states(String db, String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(db, PostgresTestServer.USER, "");
             PreparedStatement q = c.prepareStatement(
                     "select reservation_state, lifecycle_state from reservation where id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "reservation " + id + " is in PostgreSQL");
                return rs.getString(1) + "/" + rs.getString(2);
            }
        }
    }

    private static int count(String db, String sql, String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(db, PostgresTestServer.USER, "");
             PreparedStatement q = c.prepareStatement(sql)) {
            if (id != null) {
                q.setString(1, id);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
