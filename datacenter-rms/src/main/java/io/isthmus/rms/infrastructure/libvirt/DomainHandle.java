package io.isthmus.rms.infrastructure.libvirt;

import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * A libvirt {@link Domain} handle used in try-with-resources so it is always freed; a failure to
 * free while another failure is in flight is attached to it as suppressed instead of hiding it.
 */
record DomainHandle(Domain domain) implements AutoCloseable {

    @Override
    public void close() {
        try {
            domain.free();
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot free the libvirt handle of a domain", e);
        }
    }
}
