package io.isthmus.broker.application.reservation;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.Participant;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.ReservedNode;
import io.isthmus.broker.domain.reservation.ValidationException;
import io.isthmus.broker.domain.site.ConsoleTail;
import io.isthmus.broker.domain.site.SiteRmsClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Reads the end of an L1 node's serial console log for the requester who owns the reservation, from the site that
 * runs the node, under the reservation's transaction. It changes nothing, at the broker or at the site.
 */
@ApplicationScoped
public class ConsoleService {
    /** What a request that leaves maxBytes out reads. */
    public static final int DEFAULT_MAX_BYTES = 16_384;
    /** The most one request reads (the contract's ConsoleBytes). */
    static final int MAX_BYTES = 1_048_576;
    private static final Logger LOG = Logger.getLogger(ConsoleService.class.getName());

    @Inject
    ReservationStore store;
    @Inject
    SiteRmsClient sites;

    /**
     * @throws io.isthmus.broker.domain.reservation.NotFoundException for a reservation that is missing or another
     *         requester's (the two answer alike)
     * @throws ValidationException for a node the reservation does not have, or maxBytes out of 1 to 1 MiB
     * @throws BrokerException UNAVAILABLE when the site cannot be reached, or the site's own fault
     */
    public NodeConsole read(Requester who, ReservationId id, String node, int maxBytes) {
        if (maxBytes < 1 || maxBytes > MAX_BYTES) {
            throw new ValidationException("maxBytes " + maxBytes + " is out of range: ask for 1 to " + MAX_BYTES
                    + " bytes of the console log, or leave it out for " + DEFAULT_MAX_BYTES,
                    List.of("maxBytes: must be 1 to " + MAX_BYTES));
        }
        Reservation r = store.ofRequester(who, id);
        ReservedNode placed = r.nodes().stream().filter(n -> n.name().equals(node)).findFirst()
                .orElseThrow(() -> new ValidationException("reservation " + id + " has no node '" + node
                        + "'; its nodes are " + r.nodes().stream().map(ReservedNode::name)
                        .collect(Collectors.joining(", ")),
                        List.of("node: no node '" + node + "' in reservation " + id)));
        Participant site = r.participants().stream()
                .filter(p -> p.role() == Participant.Role.SITE && p.site().filter(placed.site()::equals).isPresent())
                .findFirst().orElseThrow(() -> new BrokerException(FaultKind.INTERNAL, "reservation " + id
                        + " places node " + node + " at site " + placed.site() + ", which takes no part in it"));
        ConsoleTail tail = sites.consoleLog(placed.site().value(), site.endpoint(), TransitionSteps.tx(r, who), node,
                maxBytes);
        LOG.fine(() -> "console of node " + node + " of reservation " + id + " read from site " + placed.site()
                + " for " + who.requesterId() + ": " + tail.log().length() + " characters"
                + (tail.truncated() ? ", truncated" : ""));
        return new NodeConsole(placed.site(), node, tail);
    }
}
