package io.isthmus.broker.domain.site;

import io.isthmus.broker.domain.placement.SiteOffer;
import java.net.URI;

/**
 * A site's answer to a capacity query: its free hosts and image catalog (both in {@link SiteOffer}; the catalog is
 * {@link io.isthmus.broker.domain.placement.ImageCatalog#UNKNOWN} when the site did not report one) and the gateway
 * that serves it.
 */
public record SiteCapacityView(SiteOffer offer, String gatewayId, URI gatewayEndpoint) {
}
