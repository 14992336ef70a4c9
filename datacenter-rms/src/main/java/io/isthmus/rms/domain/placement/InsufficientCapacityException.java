package io.isthmus.rms.domain.placement;

import io.isthmus.rms.domain.site.SiteException;

/** No host of the site can take a node during the requested window; the message names node and numbers. */
public final class InsufficientCapacityException extends SiteException {

    public InsufficientCapacityException(String message) {
        super(message);
    }
}
