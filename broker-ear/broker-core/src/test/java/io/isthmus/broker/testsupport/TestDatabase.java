package io.isthmus.broker.testsupport;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The broker's "isthmus" persistence unit run by EclipseLink in Java SE, on an H2 file database in {@code dir} or,
 * in the PostgreSQL run of the persistence tests, on a database of a real PostgreSQL server that belongs to
 * {@code dir}. The unit's JTA data source is replaced by a resource-local JDBC connection.
 */
public final class TestDatabase implements AutoCloseable {
    private final EntityManagerFactory emf;

    private TestDatabase(EntityManagerFactory emf) {
        this.emf = emf;
    }

    public static TestDatabase open(Path dir) {
        return new TestDatabase(Persistence.createEntityManagerFactory("isthmus", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.jdbc.url", url(dir),
                "jakarta.persistence.jdbc.user", user(),
                "jakarta.persistence.jdbc.password", "")));
    }

    /** Whether this test run is on PostgreSQL ({@code -Disthmus.test.database=postgresql}) rather than H2. */
    public static boolean onPostgresql() {
        return "postgresql".equals(System.getProperty("isthmus.test.database", "h2"));
    }

    /** The JDBC URL of the database that belongs to {@code dir}: the same one each time the test reopens it. */
    public static String url(Path dir) {
        if (onPostgresql()) {
            String name = "isthmus_" + Integer.toHexString(dir.toAbsolutePath().toString().hashCode() & 0x7fffffff);
            return PostgresTestServer.shared().database(name);
        }
        // A transaction waiting for a row lock waits up to 10 s, so a busy CI machine does not fail it.
        return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";LOCK_TIMEOUT=10000";
    }

    public static String user() {
        return onPostgresql() ? PostgresTestServer.USER : "sa";
    }

    /**
     * Runs {@code work} in one transaction of a fresh entity manager:
     * committed if it returns, rolled back if it throws.
     */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    public void run(Consumer<EntityManager> work) {
        inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    @Override
    public void close() {
        emf.close();
    }
}
