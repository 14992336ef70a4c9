package io.isthmus.examples.client;

import io.isthmus.schema.v1.ProvisionState;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.VirtualInfrastructure;
import io.isthmus.wsdl.broker.ServiceFault;
import java.time.Duration;
import java.time.Instant;

/**
 * The client's walk through a reservation's life: reserve → reserveCommit → provision (then, unless
 * kept, release → terminate), printing the states after each step and where each node runs.
 */
public final class WalkThrough {

    private static final Duration PROVISION_WAIT = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final IsthmusClient client;
    private final SummaryPrinter printer;

    public WalkThrough(IsthmusClient client, SummaryPrinter printer) {
        this.client = client;
        this.printer = printer;
    }

    /** Runs the steps; returns the last summary. */
    public ReservationSummary run(VirtualInfrastructure vi, boolean keep) throws ServiceFault, InterruptedException {
        ReservationSummary held = client.reserve(vi);
        printer.states("reserve", held);
        String id = held.getReservationId();
        printer.states("reserveCommit", client.reserveCommit(id));
        ReservationSummary provisioned = awaitProvisioned(client.provision(id));
        printer.states("provision", provisioned);
        printer.placement(provisioned);
        if (keep) {
            return provisioned;
        }
        printer.states("release", client.release(id));
        ReservationSummary terminated = client.terminate(id);
        printer.states("terminate", terminated);
        return terminated;
    }

    private ReservationSummary awaitProvisioned(ReservationSummary summary) throws ServiceFault, InterruptedException {
        Instant deadline = Instant.now().plus(PROVISION_WAIT);
        ReservationSummary current = summary;
        while (current.getProvisionState() == ProvisionState.PROVISIONING && Instant.now().isBefore(deadline)) {
            Thread.sleep(POLL.toMillis());
            current = client.query(summary.getReservationId()).orElse(current);
        }
        return current;
    }
}
