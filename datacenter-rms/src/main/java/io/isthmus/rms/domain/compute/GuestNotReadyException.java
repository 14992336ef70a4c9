package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.site.SiteException;

/**
 * An L1 VM started but its guest did not report ready (its agent channel never connected) within the site's
 * timeout, or its domain stopped first. The message names the node's domain and host and, when the console log was
 * readable, ends with its last lines: what the owner would look at first.
 */
public final class GuestNotReadyException extends SiteException {

    public GuestNotReadyException(String message) {
        super(message);
    }
}
