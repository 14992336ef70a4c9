package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.site.HostName;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Runs L1 VMs on the site's hosts. Every operation is idempotent; each may be called from several threads. */
public interface ComputeDriver extends AutoCloseable {

    /** Defines the domain on {@code host} if needed and starts it if it is not running. */
    void start(HostName host, DomainSpec spec);

    /**
     * Returns once the guest says it is ready (it opened its agent channel; on a hypervisor that runs no guest, once
     * the domain runs).
     *
     * @throws GuestNotReadyException when the domain stops first, or {@code timeout} passes
     */
    void awaitReady(HostName host, DomainName name, Duration timeout);

    /** Stops and undefines the domain; does nothing when it does not exist. */
    void remove(HostName host, DomainName name);

    /** The domain as the hypervisor holds it, or empty when it is not defined. */
    Optional<DomainObservation> inspect(HostName host, DomainName name);

    /** The L1 VM domains ({@code isthmus-<reservation>-<node>}) defined or running on {@code host}. */
    Set<DomainName> domains(HostName host);

    /** Releases every hypervisor connection. */
    @Override
    void close();
}
