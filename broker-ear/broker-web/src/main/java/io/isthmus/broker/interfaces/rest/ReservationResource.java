package io.isthmus.broker.interfaces.rest;

import io.isthmus.broker.application.reservation.Requester;
import io.isthmus.broker.application.reservation.ReservationService;
import io.isthmus.broker.domain.reservation.NotFoundException;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.ValidationException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** Read access to reservations as JSON for federated partners: the same model as BrokerService's summaries. */
@Path("reservations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReservationResource {
    /** Until partner tokens arrive, the caller names itself in this header, as in the SOAP isthmusHeader. */
    static final String REQUESTER = "Isthmus-Requester";

    @Inject
    ReservationService service;

    @GET
    public List<ReservationView> list(@HeaderParam(REQUESTER) String requester, @QueryParam("tenant") String tenant) {
        return service.query(who(requester), List.of(), tenant).stream().map(ReservationView::of).toList();
    }

    @GET
    @Path("{id}")
    public ReservationView one(@HeaderParam(REQUESTER) String requester, @PathParam("id") String id) {
        Reservation r = service.query(who(requester), List.of(new ReservationId(id)), null).stream().findFirst()
                .orElseThrow(() -> new NotFoundException(new ReservationId(id)));
        return ReservationView.of(r);
    }

    private static Requester who(String requester) {
        if (requester == null || requester.isBlank()) {
            throw new ValidationException("the " + REQUESTER + " header is required: name the requester, e.g. "
                    + REQUESTER + ": admin@requester-dc");
        }
        return new Requester(requester, UUID.randomUUID().toString());
    }
}
