package io.isthmus.broker.domain.placement;

import java.util.List;
import java.util.Objects;

/**
 * A site's free capacity over a window, host by host, with how its hosts are connected, what the federation pays
 * for using it and which images it can boot.
 *
 * @param connectivity how the site's hosts reach each other (a link whose latency bound is below it must stay on
 *                     one host)
 * @param costPerCore  the price of one vCPU placed at this site, in the objective's unit (one Mbit/s of
 *                     inter-site bandwidth); 0 when every site costs the same
 * @param images       the site's image catalog: a node goes only to a site that {@linkplain ImageCatalog#offers
 *                     offers} its image
 */
public record SiteOffer(String site, List<HostOffer> hosts, Connectivity connectivity, double costPerCore,
                        ImageCatalog images) {
    public SiteOffer {
        Objects.requireNonNull(site, "site");
        hosts = List.copyOf(hosts);
        connectivity = connectivity == null ? Connectivity.INTER_SWITCH : connectivity;
        if (!(costPerCore >= 0) || Double.isInfinite(costPerCore)) {
            throw new IllegalArgumentException("cost per core of site " + site + " must be a finite number >= 0, not "
                    + costPerCore);
        }
        images = images == null ? ImageCatalog.UNKNOWN : images;
    }

    /** A site whose catalog is not known (it offers every image). */
    public SiteOffer(String site, List<HostOffer> hosts, Connectivity connectivity, double costPerCore) {
        this(site, hosts, connectivity, costPerCore, ImageCatalog.UNKNOWN);
    }

    /** A site whose hosts sit behind different switches, which costs nothing extra and boots the given images. */
    public SiteOffer(String site, List<HostOffer> hosts, ImageCatalog images) {
        this(site, hosts, Connectivity.INTER_SWITCH, 0, images);
    }

    /** A site whose hosts sit behind different switches, which costs nothing extra and offers every image. */
    public SiteOffer(String site, List<HostOffer> hosts) {
        this(site, hosts, Connectivity.INTER_SWITCH, 0);
    }
}
