package io.isthmus.broker.domain.site;

import io.isthmus.broker.domain.reservation.TimeWindow;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The broker's driver of a site's resource manager. Every mutating call is idempotent on the transaction context.
 * Failures are {@link io.isthmus.broker.domain.reservation.BrokerException}s: the site's own typed fault, or
 * UNAVAILABLE when the site cannot be reached.
 */
public interface SiteRmsClient {
    SiteCapacityView capacity(String site, URI endpoint, TimeWindow window);

    /** Holds the nodes until {@code holdExpires}; answers node name to host. */
    Map<String, String> prepare(URI endpoint, TxContext tx, String tenant, TimeWindow window, Instant holdExpires,
                                List<SiteNodeOrder> nodes);

    void commit(URI endpoint, TxContext tx);

    void abort(URI endpoint, TxContext tx);

    void provision(URI endpoint, TxContext tx);

    void release(URI endpoint, TxContext tx);

    void terminate(URI endpoint, TxContext tx);

    /** The last {@code maxBytes} of a node's serial console log at site {@code site}; reads only. */
    ConsoleTail consoleLog(String site, URI endpoint, TxContext tx, String node, int maxBytes);
}
