package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deletes several interfaces side by side. The kernel answers every {@code ip link del} only after an RCU grace
 * period (measured: 15–50 ms for a vxlan or bridge, against 3–8 ms for an {@code ip link add}); run concurrently,
 * those waits overlap, so removing a stitch's bridge and its ports costs little more than removing one of them.
 */
final class ParallelLinkDeletion {

    /** Beyond about eight concurrent deletions the kernel's waits no longer overlap any better (measured, 2 cores). */
    static final int MAX_PARALLEL = 8;

    private final IpLinks links;

    ParallelLinkDeletion(IpLinks links) {
        this.links = links;
    }

    /**
     * Deletes every interface in {@code names}; one already gone is fine. Tries all of them even when one fails,
     * then throws the first failure with the others suppressed.
     *
     * @return the interfaces that existed, in the order given
     */
    List<InterfaceName> deleteAll(List<InterfaceName> names) {
        if (names.size() <= 1) {
            return names.stream().filter(links::delete).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(names.size(), MAX_PARALLEL), task -> {
            Thread t = new Thread(task, "gateway-" + links.gateway() + "-link-delete");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Boolean>> deletions = new ArrayList<>();
            for (InterfaceName name : names) {
                deletions.add(pool.submit(() -> links.delete(name)));
            }
            return collect(names, deletions);
        } finally {
            pool.shutdown();
        }
    }

    private List<InterfaceName> collect(List<InterfaceName> names, List<Future<Boolean>> deletions) {
        List<InterfaceName> existed = new ArrayList<>();
        RuntimeException failure = null;
        for (int i = 0; i < names.size(); i++) {
            try {
                if (deletions.get(i).get()) {
                    existed.add(names.get(i));
                }
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new UnavailableException("gateway " + links.gateway() + " cannot delete interface "
                                + names.get(i) + ": " + e.getCause(), e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("gateway " + links.gateway() + " was interrupted while deleting "
                        + names + ": repeat the call to remove the ones still present", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(existed);
    }
}
