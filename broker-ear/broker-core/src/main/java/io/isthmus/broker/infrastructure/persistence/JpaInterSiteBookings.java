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
import java.util.ArrayList;
import java.util.List;

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
        List<InterSiteLink> links = new ArrayList<>();
        List<Object[]> rows = em.createQuery("select l.pair, l from InterSiteLinkRecord l order by l.pair", Object[].class)
                .getResultList();
        for (Object[] row : rows) {
            String pair = (String) row[0];
            InterSiteLinkRecord link = (InterSiteLinkRecord) row[1];
            String[] sites = pair.split("\\|");
            long free = calendar(pair, link.capacityMbps(), window).free(window);
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
        List<CapacityCalendar.Booking> bookings = em.createQuery("select b from InterSiteBookingRecord b"
                        + " where b.pair = :p and b.windowStart < :end and b.windowEnd > :start", InterSiteBookingRecord.class)
                .setParameter("p", pair).setParameter("start", window.start()).setParameter("end", window.end())
                .getResultStream()
                .map(b -> new CapacityCalendar.Booking(b.reservationId(), new TimeWindow(b.windowStart(), b.windowEnd()),
                        b.mbps()))
                .toList();
        return new CapacityCalendar(capacity, bookings);
    }

    static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }
}
