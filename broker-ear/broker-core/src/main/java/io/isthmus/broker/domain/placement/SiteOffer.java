package io.isthmus.broker.domain.placement;

import java.util.List;
import java.util.Objects;

/**
 * A site's free capacity over a window, host by host, with how its hosts are connected and what the
 * federation pays for using it.
 *
 * @param connectivity how the site's hosts reach each other (a link whose latency bound is below it must stay on
 *                     one host)
 * @param costPerCore  the price of one vCPU placed at this site, in the objective's unit (one Mbit/s of
 *                     inter-site bandwidth); 0 when every site costs the same
 */
public record SiteOffer(String site, List<HostOffer> hosts, Connectivity connectivity, double costPerCore) {
    public SiteOffer {
        Objects.requireNonNull(site, "site");
        hosts = List.copyOf(hosts);
        connectivity = connectivity == null ? Connectivity.INTER_SWITCH : connectivity;
        if (!(costPerCore >= 0) || Double.isInfinite(costPerCore)) {
            throw new IllegalArgumentException("cost per core of site " + site + " must be a finite number >= 0, not "
                    + costPerCore);
        }
    }

    /** A site whose hosts sit behind different switches and which costs nothing extra. */
    public SiteOffer(String site, List<HostOffer> hosts) {
        this(site, hosts, Connectivity.INTER_SWITCH, 0);
    }
}
