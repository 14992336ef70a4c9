package io.isthmus.rms.infrastructure.persistence;

import io.isthmus.rms.domain.reservation.BookingStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The site's H2 file database ({@code <dataDir>/rms.mv.db}) with its schema. Opening creates missing tables and
 * adds columns that later versions introduced, so a database written by an older RMS keeps working. Every commit
 * is in the file when it returns: an acknowledged hold or commit survives the RMS being killed.
 */
public final class H2Database implements AutoCloseable {

    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS booking (
          reservation_id VARCHAR(36) PRIMARY KEY,
          transaction_id VARCHAR(36) NOT NULL,
          tenant VARCHAR(31) NOT NULL,
          window_start BIGINT NOT NULL,
          window_end BIGINT NOT NULL,
          hold_expires BIGINT,
          state VARCHAR(16) NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS booking_node (
          reservation_id VARCHAR(36) NOT NULL REFERENCES booking(reservation_id) ON DELETE CASCADE,
          position INT NOT NULL,
          node VARCHAR(31) NOT NULL,
          host VARCHAR(31) NOT NULL,
          vcpus INT NOT NULL,
          memory_mib INT NOT NULL,
          disk_gib INT NOT NULL,
          image VARCHAR(64) NOT NULL,
          nested BOOLEAN NOT NULL,
          PRIMARY KEY (reservation_id, node))""",
        """
        CREATE TABLE IF NOT EXISTS booking_nic (
          reservation_id VARCHAR(36) NOT NULL,
          node VARCHAR(31) NOT NULL,
          position INT NOT NULL,
          segment VARCHAR(31) NOT NULL,
          vni INT NOT NULL,
          mac VARCHAR(17) NOT NULL,
          ipv4 VARCHAR(15),
          PRIMARY KEY (reservation_id, node, position),
          FOREIGN KEY (reservation_id, node) REFERENCES booking_node(reservation_id, node) ON DELETE CASCADE)""",
        // Added with the NIC's prefix length and bandwidth contract; a database from before gets the columns
        // empty, which reads back as /24 and no contract, exactly what those NICs were provisioned with.
        "ALTER TABLE booking_nic ADD COLUMN IF NOT EXISTS prefix_length INT",
        "ALTER TABLE booking_nic ADD COLUMN IF NOT EXISTS qos_priority INT",
        "ALTER TABLE booking_nic ADD COLUMN IF NOT EXISTS qos_min_mbps INT",
        "ALTER TABLE booking_nic ADD COLUMN IF NOT EXISTS qos_max_mbps INT",
        "ALTER TABLE booking_nic ADD COLUMN IF NOT EXISTS qos_max_pps INT"
    };

    private final JdbcConnectionPool pool;
    private final Path file;

    private H2Database(JdbcConnectionPool pool, Path file) {
        this.pool = pool;
        this.file = file;
    }

    /** Opens (creating if needed) the database in {@code dataDir}. */
    public static H2Database open(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("rms");
        // The RMS closes the database itself (shutdown hook of RmsMain), so H2 must not close it first.
        // WRITE_DELAY=0: H2 2.x writes each commit to the file before the commit returns (its default, 500 ms,
        // leaves it to a background writer), so a commit acknowledged to the broker survives a SIGKILL.
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + file
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "rms", "");
        H2Database database = new H2Database(pool, file);
        database.createSchema();
        return database;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public Path file() {
        return file;
    }

    private void createSchema() {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            pool.dispose();
            throw new BookingStoreException("cannot create the booking tables in " + file
                    + ".mv.db; check that the directory is writable and no other RMS uses it: " + e.getMessage(), e);
        }
    }

    /** Closes every pooled connection; with the last one closed H2 writes and closes the file. */
    @Override
    public void close() {
        pool.dispose();
    }
}
