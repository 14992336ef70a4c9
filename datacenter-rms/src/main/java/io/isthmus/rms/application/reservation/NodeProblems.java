package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.DomainName;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What keeps a provisioned node from running, as the site found it (e.g. its domain vanished and could not be
 * restored at RMS start): shown with the node in the status view until the node runs again.
 */
public final class NodeProblems {

    private final Map<DomainName, String> problems = new ConcurrentHashMap<>();

    void report(DomainName domain, String problem) {
        problems.put(domain, problem);
    }

    void clear(DomainName domain) {
        problems.remove(domain);
    }

    public Optional<String> of(DomainName domain) {
        return Optional.ofNullable(problems.get(domain));
    }
}
