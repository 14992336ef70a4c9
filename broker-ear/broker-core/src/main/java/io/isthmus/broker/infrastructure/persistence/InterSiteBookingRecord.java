package io.isthmus.broker.infrastructure.persistence;

import io.isthmus.broker.domain.calendar.CapacityCalendar;
import io.isthmus.broker.domain.reservation.TimeWindow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Bandwidth a reservation holds on an inter-site link over its window. */
@Entity
@Table(name = "inter_site_booking", indexes = @Index(name = "inter_site_booking_pair", columnList = "pair"))
public class InterSiteBookingRecord {
    @Id
    @Column(length = 36)
    private String id;
    @Column(name = "reservation_id", nullable = false, length = 36)
    private String reservationId;
    @Column(nullable = false, length = 80)
    private String pair;
    @Column(nullable = false)
    private long mbps;
    @Column(name = "window_start", nullable = false)
    private Instant windowStart;
    @Column(name = "window_end", nullable = false)
    private Instant windowEnd;

    protected InterSiteBookingRecord() {
    }

    InterSiteBookingRecord(String reservationId, String pair, long mbps, Instant start, Instant end) {
        this.id = UUID.randomUUID().toString();
        this.reservationId = reservationId;
        this.pair = pair;
        this.mbps = mbps;
        this.windowStart = start;
        this.windowEnd = end;
    }

    String reservationId() {
        return reservationId;
    }

    String pair() {
        return pair;
    }

    /** The booking as its link's calendar sees it. */
    CapacityCalendar.Booking booking() {
        return new CapacityCalendar.Booking(reservationId, new TimeWindow(windowStart, windowEnd), mbps);
    }

    long mbps() {
        return mbps;
    }

    Instant windowStart() {
        return windowStart;
    }

    Instant windowEnd() {
        return windowEnd;
    }
}
