package io.isthmus.broker.infrastructure.persistence;

import io.isthmus.broker.domain.calendar.CapacityCalendar;
import io.isthmus.broker.domain.placement.InterSiteBookings;
import io.isthmus.broker.domain.placement.InterSiteLink;
import io.isthmus.broker.domain.placement.InterSiteLoad;
import io.isthmus.broker.domain.placement.PlacementRefusedException;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.TimeWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Inter-site link calendars in the broker's database: one row per configured link, one per booking. */
@ApplicationScoped
public class JpaInterSiteBookings implements InterSiteBookings {
    @PersistenceContext(unitName = "isthmus")
    EntityManager em;

    /** Records the configured links (capacity and latency follow the configuration); run once at deployment. */
    public void seed(List<InterSiteLink> configured) {
        for (InterSiteLink l : configured) {
            InterSiteLinkRecord row = em.find(InterSiteLinkRecord.class, pair(l.siteA(), l.siteB()));
            if (row == null) {
                em.persist(new InterSiteLinkRecord(pair(l.siteA(), l.siteB()), l.capacityMbps(), l.latencyMs()));
            } else {
                row.update(l.capacityMbps(), l.latencyMs());
            }
        }
        em.flush();
    }

    @Override
    public List<InterSiteLink> links(TimeWindow window) {
        Map<String, List<CapacityCalendar.Booking>> byPair = new HashMap<>();
        overlapping(window, null).forEach(b -> byPair.computeIfAbsent(b.pair(), k -> new ArrayList<>()).add(b.booking()));
        List<InterSiteLink> links = new ArrayList<>();
        for (InterSiteLinkRecord link : em.createQuery("select l from InterSiteLinkRecord l order by l.pair",
                InterSiteLinkRecord.class).getResultList()) {
            String[] sites = link.pair().split("\\|");
            long free = new CapacityCalendar(link.capacityMbps(), byPair.getOrDefault(link.pair(), List.of()))
                    .free(window);
            links.add(new InterSiteLink(sites[0], sites[1], link.capacityMbps(), free, link.latencyMs()));
        }
        return links;
    }

    @Override
    public void book(ReservationId owner, TimeWindow window, List<InterSiteLoad> loads) {
        for (InterSiteLoad load : loads) {
            String pair = pair(load.siteA(), load.siteB());
            InterSiteLinkRecord link = em.find(InterSiteLinkRecord.class, pair, LockModeType.PESSIMISTIC_WRITE);
            if (link == null || load.mbps() == 0) {
                continue;
            }
            long free = calendar(pair, link.capacityMbps(), window).free(window);
            if (load.mbps() > free) {
                throw new PlacementRefusedException("inter-site link " + load.siteA() + "↔" + load.siteB() + " now has "
                        + free + " Mbit/s free during the window (another reservation booked it meanwhile); this"
                        + " placement needs " + load.mbps() + " Mbit/s: reserve again");
            }
            em.persist(new InterSiteBookingRecord(owner.value(), pair, load.mbps(), window.start(), window.end()));
        }
        em.flush();
    }

    /** Frees every interval the reservation booked. */
    static void release(EntityManager em, ReservationId owner) {
        em.createQuery("delete from InterSiteBookingRecord b where b.reservationId = :r")
                .setParameter("r", owner.value()).executeUpdate();
    }

    private CapacityCalendar calendar(String pair, long capacity, TimeWindow window) {
        return new CapacityCalendar(capacity, overlapping(window, pair).stream().map(InterSiteBookingRecord::booking)
                .toList());
    }

    /** Bookings overlapping the window, on one link or (pair null) on all. */
    private List<InterSiteBookingRecord> overlapping(TimeWindow window, String pair) {
        TypedQuery<InterSiteBookingRecord> query = em.createQuery("select b from InterSiteBookingRecord b"
                + " where b.windowStart < :end and b.windowEnd > :start" + (pair == null ? "" : " and b.pair = :p"),
                InterSiteBookingRecord.class).setParameter("start", window.start()).setParameter("end", window.end());
        return (pair == null ? query : query.setParameter("p", pair)).getResultList();
    }

    static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }
}
