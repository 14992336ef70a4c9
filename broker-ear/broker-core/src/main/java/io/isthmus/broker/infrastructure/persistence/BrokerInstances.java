package io.isthmus.broker.infrastructure.persistence;

import io.isthmus.broker.infrastructure.config.RecoverySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * This broker instance's identity and lease in the shared database. Every instance renews its lease at each sweep;
 * an instance whose lease is older than {@code isthmus.instance.lease.seconds} is taken for dead, and another
 * instance finishes what it left half-done. The database is the single coordinator: no cluster membership protocol
 * is needed, and the same rule covers a restarted broker (a new instance) and a second one running beside it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class BrokerInstances {
    private static final Logger LOG = Logger.getLogger(BrokerInstances.class.getName());

    private final String me = UUID.randomUUID().toString();

    @PersistenceContext(unitName = "isthmus")
    EntityManager em;
    @Inject
    RecoverySettings settings;
    @Inject
    Clock clock;

    /** This instance's id, recorded as the owner of every reservation it writes. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String me() {
        return me;
    }

    /** Records or renews this instance's lease. */
    public void renew() {
        Instant now = clock.instant();
        BrokerInstanceRecord record = em.find(BrokerInstanceRecord.class, me);
        if (record == null) {
            // instances gone for a day (killed, never withdrawn) are forgotten when a new one registers
            em.createQuery("delete from BrokerInstanceRecord i where i.renewedAt < :dayAgo")
                    .setParameter("dayAgo", now.minus(Duration.ofDays(1))).executeUpdate();
            em.persist(new BrokerInstanceRecord(me, now, hostName()));
            LOG.info(() -> "broker instance " + me + " registered; a lease lasts "
                    + settings.instanceLease().toSeconds() + " s");
        } else {
            record.renew(now);
        }
    }

    /** Withdraws this instance's lease at a clean stop, so others need not wait for it to run out. */
    public void withdraw() {
        BrokerInstanceRecord record = em.find(BrokerInstanceRecord.class, me);
        if (record != null) {
            em.remove(record);
        }
    }

    /** Whether {@code instance} holds a lease that has not run out. */
    public boolean isAlive(String instance) {
        if (me.equals(instance)) {
            return true;
        }
        return !em.createQuery("select i.id from BrokerInstanceRecord i where i.id = :id and i.renewedAt >= :since",
                        String.class)
                .setParameter("id", instance).setParameter("since", aliveSince()).getResultList().isEmpty();
    }

    /** Leases renewed at or after this instant have not run out. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Instant aliveSince() {
        return clock.instant().minus(settings.instanceLease());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "pid " + ProcessHandle.current().pid();
        }
    }
}
