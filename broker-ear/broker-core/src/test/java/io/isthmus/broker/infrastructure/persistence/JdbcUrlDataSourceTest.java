package io.isthmus.broker.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's data source reaches whichever database its JDBC URL names, through the bundled driver. */
class JdbcUrlDataSourceTest {
    @TempDir
    Path dir;

    @Test
    void connectsToTheDatabaseItsUrlNames() throws SQLException {
        JdbcUrlDataSource ds = new JdbcUrlDataSource();
        ds.setUrl(TestDatabase.url(dir));
        ds.setUser(TestDatabase.user());
        ds.setPassword("");
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("select 1")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            String product = c.getMetaData().getDatabaseProductName();
            assertEquals(TestDatabase.onPostgresql() ? "PostgreSQL" : "H2", product);
        }
    }

    @Test
    void aUrlNoBundledDriverAcceptsIsRefusedSayingWhatIsSupported() {
        JdbcUrlDataSource ds = new JdbcUrlDataSource();
        ds.setURL("jdbc:oracle:thin:@db:1521/isthmus;password=secret");
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        assertTrue(e.getMessage().contains("jdbc:h2:") && e.getMessage().contains("jdbc:postgresql:"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), "the password never reaches a log: " + e.getMessage());
    }

    @Test
    void theEmbeddedDefaultPasswordIsRefusedForADatabaseServerBeforeConnecting() {
        JdbcUrlDataSource ds = new JdbcUrlDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:1/isthmus");   // nothing listens: a connection attempt would say so
        ds.setUser("isthmus");
        ds.setPassword(JdbcUrlDataSource.EMBEDDED_DEFAULT_PASSWORD);
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        assertTrue(e.getMessage().startsWith("isthmus.db.password is the embedded default"), e.getMessage());
    }

    @Test
    void noUrlAtAllNamesTheSettingToFix() {
        SQLException e = assertThrows(SQLException.class, () -> new JdbcUrlDataSource().getConnection());
        assertTrue(e.getMessage().contains("isthmus.db.url"), e.getMessage());
    }
}
