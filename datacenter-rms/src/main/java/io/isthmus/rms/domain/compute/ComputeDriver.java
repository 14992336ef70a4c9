package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.site.HostName;
import java.util.Optional;

/** Runs L1 VMs on the site's hosts. Every operation is idempotent. */
public interface ComputeDriver extends AutoCloseable {

    /** Defines the domain on {@code host} if needed and starts it if it is not running. */
    void start(HostName host, DomainSpec spec);

    /** Stops and undefines the domain; does nothing when it does not exist. */
    void remove(HostName host, DomainName name);

    /** The domain as the hypervisor holds it, or empty when it is not defined. */
    Optional<DomainObservation> inspect(HostName host, DomainName name);

    /** Releases every hypervisor connection. */
    @Override
    void close();
}
