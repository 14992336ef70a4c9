package io.isthmus.rms.domain.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainNameTest {

    private static final ReservationId A = new ReservationId("3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70");
    /** Shares its first 8 hex digits with A: the old short names collided. */
    private static final ReservationId B = new ReservationId("3f2c1a9e-ffff-4c61-9f1e-2a6d8c4b5e70");

    @Test
    void theNameCarriesTheWholeReservationIdSoReservationsSharingAPrefixNeverShareADomain() {
        DomainName a = DomainName.of(A, new NodeName("web-1"));
        assertEquals("isthmus-3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70-web-1", a.value());
        assertNotEquals(a, DomainName.of(B, new NodeName("web-1")));
        assertEquals(A, a.reservation());
        assertEquals(new NodeName("web-1"), a.node());
    }

    @Test
    void onlyOurOwnDomainsParse() {
        DomainName longest = DomainName.of(A, new NodeName("n" + "0".repeat(30)));
        assertEquals(Optional.of(longest), DomainName.parse(longest.value()));
        assertEquals(76, longest.value().length());
        assertEquals(Optional.empty(), DomainName.parse("isthmus-3f2c1a9e-web-1"), "an old short name is not ours");
        assertEquals(Optional.empty(), DomainName.parse("debian12"));
        assertEquals(Optional.empty(), DomainName.parse(null));
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> new DomainName("isthmus-3F2C1A9E-0b7d-4c61-9f1e-2a6d8c4b5e70-web-1"));
        assertTrue(e.getMessage().contains("reservation UUID"), e.getMessage());
    }
}
