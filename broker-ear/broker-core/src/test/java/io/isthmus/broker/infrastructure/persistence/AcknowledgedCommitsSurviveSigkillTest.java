package io.isthmus.broker.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, items 6, 12 and 13: a commit the broker has acknowledged survives a SIGKILL of its process. The embedded
 * H2 database, left at its default write delay, loses every commit of the last half second.
 */
class AcknowledgedCommitsSurviveSigkillTest {
    private static final int ROWS = 20;

    @TempDir
    Path dir;

    @Test
    void everyCommitPrintedBeforeTheKillIsThereAfterIt() throws Exception {
        for (int run = 0; run < 3; run++) {
            String url = "jdbc:h2:file:" + dir.resolve("broker-" + run).toAbsolutePath();
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CommitAndHang.class.getName(), url,
                    Integer.toString(ROWS)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            int acknowledged = readAcknowledged(child);
            child.destroyForcibly();   // SIGKILL on Linux: no shutdown hook, no close
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            assertEquals(ROWS, acknowledged);

            JdbcUrlDataSource reopened = new JdbcUrlDataSource();
            reopened.setUrl(url);
            reopened.setUser("sa");
            reopened.setPassword("");
            assertEquals(ROWS, count(reopened), "run " + run + ": rows acknowledged before the SIGKILL were lost");
        }
    }

    @Test
    void anOperatorsOwnWriteDelayIsKept() {
        assertEquals("jdbc:h2:file:/x;WRITE_DELAY=0", JdbcUrlDataSource.durable("jdbc:h2:file:/x"));
        assertEquals("jdbc:h2:file:/x;write_delay=100", JdbcUrlDataSource.durable("jdbc:h2:file:/x;write_delay=100"));
        assertEquals("jdbc:postgresql://db/isthmus", JdbcUrlDataSource.durable("jdbc:postgresql://db/isthmus"));
    }

    private static int readAcknowledged(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        int acknowledged = 0;
        String line;
        while (acknowledged < ROWS && (line = out.readLine()) != null) {
            if (line.startsWith("committed ")) {
                acknowledged++;
            }
        }
        return acknowledged;
    }

    private static int count(JdbcUrlDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
             ResultSet rs = c.createStatement().executeQuery("select count(*) from acknowledged")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
