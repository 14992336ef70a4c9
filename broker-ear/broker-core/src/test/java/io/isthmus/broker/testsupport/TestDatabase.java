package io.isthmus.broker.testsupport;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The broker's "isthmus" persistence unit on an H2 file database in {@code dir}, run by EclipseLink in Java SE:
 * the unit's JTA data source is replaced by a resource-local JDBC connection.
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
                "jakarta.persistence.jdbc.driver", "org.h2.Driver",
                // A transaction waiting for a row lock waits up to 10 s, so a busy CI machine does not fail it.
                "jakarta.persistence.jdbc.url", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                        + ";LOCK_TIMEOUT=10000",
                "jakarta.persistence.jdbc.user", "sa",
                "jakarta.persistence.jdbc.password", "")));
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
