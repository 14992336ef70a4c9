package io.isthmus.broker.domain.site;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** The broker's driver of a gateway node; idempotent like {@link SiteRmsClient}. */
public interface GatewayClient {
    GatewayInfo status(URI endpoint);

    void prepare(URI endpoint, TxContext tx, Instant holdExpires, List<StitchOrder> stitches);

    void commit(URI endpoint, TxContext tx);

    void abort(URI endpoint, TxContext tx);

    void stitch(URI endpoint, TxContext tx);

    void unstitch(URI endpoint, TxContext tx);
}
