package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.site.HostName;
import java.util.Optional;
import java.util.Set;

/**
 * Each VM's own disks on its host: a qcow2 overlay of {@code diskGib} backed by a catalog image (no VM ever writes
 * a shared image) and a cloud-init NoCloud seed; deleted with the VM. Every operation is idempotent.
 */
public interface InstanceStorage {

    /**
     * Creates what is missing of the VM's overlay and seed (a seed that differs from {@code guest} is rewritten).
     *
     * @throws io.isthmus.rms.domain.site.InvalidRequestException when the image is not in the catalog or is larger
     *         than {@code diskGib}
     * @throws ComputeException when the host's storage refuses
     */
    InstanceDisks prepare(HostName host, DomainName domain, ImageRef image, int diskGib, GuestConfig guest);

    /** Deletes the VM's overlay, seed and console log; does nothing for what is already gone. */
    void delete(HostName host, DomainName domain);

    /**
     * The last {@code maxBytes} of the VM's serial console log (UTF-8), read through the host's storage so that it
     * works for remote hosts too; empty when the VM has no console log (yet).
     *
     * @throws ComputeException when the host's storage cannot be read
     */
    Optional<String> consoleTail(HostName host, DomainName domain, int maxBytes);

    /** The VMs that have files on {@code host} (for reconcile after a restart). */
    Set<DomainName> present(HostName host);
}
