package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.site.SiteException;

/** The reservation's booking at this site has no node of the name in the request. */
public final class NodeNotFoundException extends SiteException {

    public NodeNotFoundException(String message) {
        super(message);
    }
}
