package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.ComputeDriver;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainObservation;
import io.isthmus.rms.domain.compute.DomainRunState;
import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.BookingRepository;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import java.util.List;
import java.util.Optional;

/** Reports reservations at this site, reading each node's domain back from the hypervisor. */
public final class StatusService {

    private final BookingRepository bookings;
    private final ComputeDriver compute;
    private final NodeProblems problems;

    public StatusService(BookingRepository bookings, ComputeDriver compute, NodeProblems problems) {
        this.bookings = bookings;
        this.compute = compute;
        this.problems = problems;
    }

    /** One reservation; state NONE with no nodes when the site holds nothing for it. */
    public ReservationView status(ReservationId id) {
        return bookings.find(id).map(this::view).orElseGet(() -> ReservationView.empty(id, BookingState.NONE));
    }

    /** Every reservation that still holds or uses anything at this site. */
    public List<ReservationView> statusOfAll() {
        return bookings.findAll().stream().map(this::view).toList();
    }

    ReservationView view(Booking booking) {
        return new ReservationView(booking.id(), booking.state(), booking.holdExpires(),
                booking.nodes().stream().map(node -> nodeView(booking.id(), node)).toList());
    }

    private NodeView nodeView(ReservationId reservation, PlacedNode node) {
        DomainName domain = DomainName.of(reservation, node.name());
        Optional<DomainObservation> observed = compute.inspect(node.host(), domain);
        if (observed.isPresent()) {
            DomainObservation o = observed.get();
            return new NodeView(node.name(), node.host(), domain, o.state(), o.macs(), o.cpuMode(),
                    Optional.of(o.nestedVirtualization()), problems.of(domain));
        }
        return new NodeView(node.name(), node.host(), domain, DomainRunState.ABSENT,
                node.spec().nics().stream().map(NicSpec::mac).toList(), Optional.empty(), Optional.empty(),
                problems.of(domain));
    }
}
