package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.ComputeDriver;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainSpec;
import io.isthmus.rms.domain.compute.GuestNotReadyException;
import io.isthmus.rms.domain.compute.InstanceDisks;
import io.isthmus.rms.domain.compute.InstanceStorage;
import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.site.HostName;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Brings every node of a booking up: its disks prepared (overlay and seed), its segments plugged on its host (a real
 * guest's tap joins the bridge at start, so the bridge must exist first), every guest booted (at most
 * {@link GuestSettings#bootsPerHost()} at once on one host) and awaited until it reports ready, then each node's
 * NICs shaped, reaching {@code provision.started:<node>} after each. A node whose domain already existed (a repeated
 * provision) is brought up too but never undone; on any failure everything this call created is undone (shaping,
 * domain, disks, plugs: each step attempted, their failures suppressed onto the first) and the first failure thrown.
 */
final class ReservationStarter {

    private static final Logger LOG = System.getLogger(ReservationStarter.class.getName());

    private final ComputeDriver compute;
    private final InstanceStorage storage;
    private final DomainSpecFactory specs;
    private final NodeNetwork network;
    private final NicShaping shaping;
    private final NodeTeardown teardown;
    private final NodeProblems problems;
    private final GuestSettings settings;
    private final FaultPoints faults;
    private final Map<HostName, Semaphore> bootSlots = new ConcurrentHashMap<>();

    ReservationStarter(ComputeDriver compute, InstanceStorage storage, DomainSpecFactory specs, NodeNetwork network,
            NicShaping shaping, NodeProblems problems, GuestSettings settings, FaultPoints faults) {
        this.compute = compute;
        this.storage = storage;
        this.specs = specs;
        this.network = network;
        this.shaping = shaping;
        this.teardown = new NodeTeardown(compute, storage, network, shaping);
        this.problems = problems;
        this.settings = settings;
        this.faults = faults;
    }

    /** What this call created for one node, so that a failure undoes exactly that. */
    private static final class Created {
        boolean plugged;
        boolean shaped;
    }

    void startAll(Booking booking) {
        ReservationId id = booking.id();
        Map<PlacedNode, Created> createdHere = new LinkedHashMap<>();
        try {
            Map<PlacedNode, DomainSpec> toStart = new LinkedHashMap<>();
            for (PlacedNode node : booking.nodes()) {
                DomainName name = DomainName.of(id, node.name());
                if (compute.inspect(node.host(), name).isEmpty()) {
                    createdHere.put(node, new Created());
                }
                InstanceDisks disks = storage.prepare(node.host(), name, node.spec().image(), node.spec().diskGib(),
                        specs.guestFor(id, node));
                toStart.put(node, specs.specFor(id, node, disks));
            }
            for (PlacedNode node : booking.nodes()) {
                network.plug(id, node);
                if (createdHere.containsKey(node)) {
                    createdHere.get(node).plugged = true;
                }
            }
            startAndAwait(booking, toStart);
            for (PlacedNode node : booking.nodes()) {
                shaping.shape(id, node);
                if (createdHere.containsKey(node)) {
                    createdHere.get(node).shaped = true;
                }
                problems.clear(DomainName.of(id, node.name()));
                faults.reached("provision.started:" + node.name());
            }
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "provisioning reservation {0} failed ({1}); removing the {2} node(s) it created",
                    id, failure.getMessage(), createdHere.size());
            createdHere.forEach((node, created) -> teardown.undo(id, node, created.shaped, created.plugged, failure));
            throw failure;
        }
    }

    /**
     * Boots every guest, each as soon as its host has a boot slot ({@link GuestSettings#bootsPerHost()}, shared by
     * every provision of the site): its domain is started and the guest awaited until it reports ready, then the
     * slot passes to the next guest waiting for that host. Once a guest failed, guests still waiting for a slot are
     * not started. Throws the first failure, the others suppressed.
     */
    private void startAndAwait(Booking booking, Map<PlacedNode, DomainSpec> toStart) {
        long began = System.nanoTime();
        ExecutorService boots = Executors.newFixedThreadPool(Math.max(1, toStart.size()),
                threads(booking.id(), "boot"));
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<CompletableFuture<Void>> guests = new ArrayList<>();
            toStart.forEach((node, spec) -> guests.add(CompletableFuture.runAsync(
                    () -> boot(booking.id(), node, spec, failed), boots)));
            RuntimeException failure = null;
            List<RuntimeException> others = new ArrayList<>();
            int notStarted = 0;
            for (CompletableFuture<Void> guest : guests) {
                RuntimeException thrown = outcome(guest);
                if (thrown instanceof NotStarted) {
                    notStarted++;
                    continue;
                }
                if (thrown != null && failure == null) {
                    failure = thrown;
                } else if (thrown != null) {
                    others.add(thrown);
                }
            }
            if (failure != null) {
                others.forEach(failure::addSuppressed);
                throw failure;
            }
            if (notStarted > 0) {
                throw new IllegalStateException(notStarted + " guest(s) of reservation " + booking.id()
                        + " were not started (interrupted while waiting for a boot slot)");
            }
            LOG.log(Level.INFO, "reservation {0}: {1} guest(s) ready {2} ms after the first start", booking.id(),
                    toStart.size(), (System.nanoTime() - began) / 1_000_000);
        } finally {
            boots.shutdownNow();
        }
    }

    private void boot(ReservationId id, PlacedNode node, DomainSpec spec, AtomicBoolean failed) {
        Semaphore slots = bootSlots.computeIfAbsent(node.host(), host -> new Semaphore(settings.bootsPerHost(), true));
        if (!slots.tryAcquire()) {
            LOG.log(Level.INFO, "node {0} of reservation {1} waits for a boot slot on host {2} ({3} guest(s) boot"
                    + " there at once: site.guest.bootsPerHost)", node.name(), id, node.host(),
                    settings.bootsPerHost());
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotStarted();
            }
        }
        try {
            if (failed.get()) {
                throw new NotStarted();
            }
            long startedAt = System.nanoTime();
            compute.start(node.host(), spec);
            try {
                compute.awaitReady(node.host(), spec.name(), settings.readyTimeout());
            } catch (GuestNotReadyException notReady) {
                throw withConsole(notReady, node, spec.name());
            }
            LOG.log(Level.INFO, "node {0} of reservation {1} ready on host {2} {3} ms after its start", node.name(),
                    id, node.host(), (System.nanoTime() - startedAt) / 1_000_000);
        } catch (NotStarted skipped) {
            throw skipped;
        } catch (RuntimeException e) {
            failed.set(true);
            throw e;
        } finally {
            slots.release();
        }
    }

    /** The failure with the guest's last console lines, when the host's storage can give them. */
    private GuestNotReadyException withConsole(GuestNotReadyException notReady, PlacedNode node, DomainName name) {
        try {
            return notReady.withConsole(storage.consoleTail(node.host(), name,
                    GuestNotReadyException.CONSOLE_TAIL_BYTES));
        } catch (RuntimeException unreadable) {
            notReady.addSuppressed(unreadable);
            return notReady;
        }
    }

    /** A guest not started because another guest of the same provision failed first. */
    private static final class NotStarted extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotStarted() {
            super("not started: another guest of the reservation failed first, or the wait was interrupted", null,
                    false, false);
        }
    }

    private static RuntimeException outcome(CompletableFuture<Void> guest) {
        try {
            guest.join();
            return null;
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                return runtime;
            }
            return new IllegalStateException("a domain start failed: " + e.getCause(), e.getCause());
        } catch (CancellationException e) {
            return new IllegalStateException("a domain start was cancelled", e);
        }
    }

    private static ThreadFactory threads(ReservationId id, String what) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, what + "-" + id.value().substring(0, 8) + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
