package io.isthmus.rms.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.site.Host;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.Resources;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostCalendarTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Host HOST = new Host(new HostName("a1"), new Resources(16, 65536, 500, 10_000), true);

    private static TimeWindow hours(int from, int to) {
        return new TimeWindow(T0.plusSeconds(from * 3600L), T0.plusSeconds(to * 3600L));
    }

    private static Booked booked(int from, int to, int cores, long memoryMib) {
        return new Booked(hours(from, to), new Resources(cores, memoryMib, 10, 0));
    }

    @Test
    void overlappingBookingsAddUpAtTheInstantTheyShare() {
        HostCalendar calendar = new HostCalendar(HOST, List.of(booked(0, 4, 4, 16384), booked(2, 6, 4, 16384)));
        assertEquals(new Resources(8, 32768, 20, 0), calendar.peakUsage(hours(0, 6)));
        assertEquals(new Resources(8, 32768, 480, 10_000), calendar.free(hours(0, 6)));
    }

    @Test
    void bookingsOneAfterTheOtherDoNotAddUp() {
        HostCalendar calendar = new HostCalendar(HOST, List.of(booked(0, 2, 8, 32768), booked(2, 4, 8, 32768)));
        assertEquals(new Resources(8, 32768, 10, 0), calendar.peakUsage(hours(0, 4)),
                "[0,2) and [2,4) are half-open and never coexist");
    }

    @Test
    void onlyBookingsInsideTheWindowCount() {
        HostCalendar calendar = new HostCalendar(HOST, List.of(booked(0, 2, 8, 32768), booked(5, 8, 2, 4096)));
        assertEquals(new Resources(2, 4096, 10, 0), calendar.peakUsage(hours(3, 6)));
        assertEquals(Resources.NONE, calendar.peakUsage(hours(2, 5)));
        assertEquals(HOST.total(), calendar.free(hours(2, 5)));
    }

    @Test
    void aBookingThatStartedBeforeTheWindowCountsFromItsStart() {
        HostCalendar calendar = new HostCalendar(HOST, List.of(booked(0, 10, 6, 8192), booked(4, 5, 2, 2048)));
        assertEquals(new Resources(8, 10240, 20, 0), calendar.peakUsage(hours(3, 6)));
    }

    @Test
    void peaksOfDifferentDimensionsAreTakenSeparately() {
        HostCalendar calendar = new HostCalendar(HOST, List.of(booked(0, 2, 12, 1024), booked(2, 4, 1, 60000)));
        Resources free = calendar.free(hours(0, 4));
        assertEquals(4, free.cores());
        assertEquals(65536 - 60000, free.memoryMib());
    }

    @Test
    void overBookedHostsReportNothingFreeRatherThanNegative() {
        HostCalendar calendar = new HostCalendar(HOST, List.of(booked(0, 2, 20, 70000)));
        assertEquals(new Resources(0, 0, 490, 10_000), calendar.free(hours(0, 2)));
    }

    @Test
    void guaranteesAddUpOnlyWhileTheirWindowsOverlap() {
        HostCalendar calendar = new HostCalendar(HOST, List.of(
                new Booked(hours(0, 2), new Resources(1, 1024, 10, 6_000)),
                new Booked(hours(2, 4), new Resources(1, 1024, 10, 6_000)),
                new Booked(hours(1, 3), new Resources(1, 1024, 10, 3_000))));
        assertEquals(9_000, calendar.peakUsage(hours(0, 4)).guaranteedMbps());
        assertEquals(1_000, calendar.free(hours(0, 4)).guaranteedMbps());
        assertEquals(4_000, calendar.free(hours(3, 4)).guaranteedMbps(), "only [2,4) is left at hour 3");
    }
}
