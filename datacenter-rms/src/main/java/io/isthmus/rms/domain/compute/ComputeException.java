package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.site.SiteException;

/**
 * The hypervisor refused or failed an operation. Keeps the hypervisor's own error code and
 * error domain (e.g. {@code VIR_ERR_NO_DOMAIN} / {@code VIR_FROM_QEMU}) for the operator.
 */
public final class ComputeException extends SiteException {

    private final String errorCode;
    private final String errorDomain;

    public ComputeException(String message, String errorCode, String errorDomain, Throwable cause) {
        super(message + " [" + errorCode + " from " + errorDomain + "]", cause);
        this.errorCode = errorCode;
        this.errorDomain = errorDomain;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorDomain() {
        return errorDomain;
    }
}
