package io.isthmus.broker.domain.reservation;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The broker's record of one virtual infrastructure over time, with the three state machines of DESIGN.md §4.
 * Transitions are checked here; an illegal one raises {@link IllegalTransitionException}.
 */
@Entity
@Table(name = "reservation",
        uniqueConstraints = @UniqueConstraint(name = "uq_reservation_request", columnNames = {"requester_id", "correlation_id"}))
public class Reservation {
    @Id
    @Column(length = 36)
    private String id;
    @Column(name = "requester_id", nullable = false, length = 128)
    private String requesterId;
    @Column(name = "correlation_id", nullable = false, length = 36)
    private String correlationId;
    @Column(nullable = false, length = 31)
    private String tenant;
    @Column(length = 512)
    private String description;
    @Column(name = "window_start", nullable = false)
    private Instant windowStart;
    @Column(name = "window_end", nullable = false)
    private Instant windowEnd;
    @Enumerated(EnumType.STRING)
    @Column(name = "reservation_state", nullable = false, length = 20)
    private ReservationState reservationState = ReservationState.ReserveStart;
    @Enumerated(EnumType.STRING)
    @Column(name = "provision_state", nullable = false, length = 20)
    private ProvisionState provisionState = ProvisionState.Released;
    @Enumerated(EnumType.STRING)
    @Column(name = "lifecycle_state", nullable = false, length = 20)
    private LifecycleState lifecycleState = LifecycleState.Created;
    private boolean committed;
    @Column(name = "data_plane_active")
    private boolean dataPlaneActive;
    @Column(name = "hold_expires")
    private Instant holdExpires;
    @Column(name = "transaction_id", length = 36)
    private String transactionId;
    @Column(name = "tunnel_kind", length = 16)
    private String tunnelKind;
    @Column(name = "last_error", length = 4000)
    private String lastError;
    @Enumerated(EnumType.STRING)
    @Column(name = "last_error_kind", length = 16)
    private FaultKind lastErrorKind;
    /** SHA-256 of the request as first received, so a reused correlation id with another body is refused. */
    @Column(name = "request_digest", length = 64)
    private String requestDigest;
    /** Failed attempts to start the data plane at the window's start since the last success. */
    @Column(name = "activation_failures")
    private int activationFailures;
    /** The broker instance that last wrote this reservation; it alone works on it while its lease lasts. */
    @Column(name = "owner_instance", length = 36)
    private String owner;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @JoinColumn(name = "reservation_id")
    @OrderColumn(name = "position")
    private List<ReservedNode> nodes = new ArrayList<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "reservation_segment", joinColumns = @JoinColumn(name = "reservation_id"))
    @OrderColumn(name = "position")
    private List<ReservedSegment> segments = new ArrayList<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "reservation_participant", joinColumns = @JoinColumn(name = "reservation_id"))
    @OrderColumn(name = "position")
    private List<Participant> participants = new ArrayList<>();

    protected Reservation() {
    }

    public Reservation(ReservationId id, String requesterId, String correlationId, VirtualInfrastructureSpec vi,
                       Instant now) {
        this.id = id.value();
        this.requesterId = requesterId;
        this.correlationId = correlationId;
        this.tenant = vi.tenant();
        this.description = vi.description();
        this.windowStart = vi.window().start();
        this.windowEnd = vi.window().end();
        this.tunnelKind = vi.requesterGateway().tunnelKind();
        this.updatedAt = now;
    }

    public ReservationId id() {
        return new ReservationId(id);
    }

    public String requesterId() {
        return requesterId;
    }

    public String correlationId() {
        return correlationId;
    }

    public String tenant() {
        return tenant;
    }

    public String description() {
        return description;
    }

    public TimeWindow window() {
        return new TimeWindow(windowStart, windowEnd);
    }

    public ReservationState reservationState() {
        return reservationState;
    }

    public ProvisionState provisionState() {
        return provisionState;
    }

    public LifecycleState lifecycleState() {
        return lifecycleState;
    }

    public boolean committed() {
        return committed;
    }

    public boolean dataPlaneActive() {
        return dataPlaneActive;
    }

    public Optional<Instant> holdExpires() {
        return Optional.ofNullable(holdExpires);
    }

    public String transactionId() {
        return transactionId;
    }

    public TunnelKind tunnelKind() {
        return TunnelKind.of(tunnelKind);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<FaultKind> lastErrorKind() {
        return Optional.ofNullable(lastErrorKind);
    }

    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    public void ownedBy(String instance) {
        this.owner = instance;
    }

    public Optional<String> requestDigest() {
        return Optional.ofNullable(requestDigest);
    }

    public void recordRequestDigest(String digest) {
        this.requestDigest = digest;
    }

    public int activationFailures() {
        return activationFailures;
    }

    /** Counts a failed activation and answers how many there were in a row; {@code success} resets the count. */
    public int countActivation(boolean success, Instant now) {
        activationFailures = success ? 0 : activationFailures + 1;
        updatedAt = now;
        return activationFailures;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<ReservedNode> nodes() {
        return nodes;
    }

    public List<ReservedSegment> segments() {
        return segments;
    }

    public List<Participant> participants() {
        return participants;
    }

    public Optional<ReservedSegment> segment(String name) {
        return segments.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public void moveTo(ReservationState target, Instant now) {
        requireMove(reservationState.canMoveTo(target), reservationState, target);
        reservationState = target;
        updatedAt = now;
    }

    public void moveTo(ProvisionState target, Instant now) {
        requireMove(provisionState.canMoveTo(target), provisionState, target);
        provisionState = target;
        updatedAt = now;
    }

    public void moveTo(LifecycleState target, Instant now) {
        requireMove(lifecycleState.canMoveTo(target), lifecycleState, target);
        lifecycleState = target;
        updatedAt = now;
    }

    private void requireMove(boolean allowed, Enum<?> from, Enum<?> to) {
        if (!allowed) {
            throw new IllegalTransitionException("reservation " + id + " is " + from + " and cannot become " + to);
        }
    }

    /** Phase one starts: a new transaction id and the time the holds expire. */
    public void beginHold(String transactionId, Instant holdExpires) {
        this.transactionId = transactionId;
        this.holdExpires = holdExpires;
    }

    /** Phase two succeeded everywhere; repeating it changes nothing. */
    public void markCommitted(Instant now) {
        if (committed) {
            return;
        }
        moveTo(ReservationState.ReserveStart, now);
        committed = true;
        holdExpires = null;
    }

    /**
     * A decided commit that a participant cannot honour is undone: its bookings no longer lapse with the hold, so the
     * hold time is cleared and the participants' own lease (the window's end) bounds what is left.
     */
    public void rollBackCommit(Instant now) {
        moveTo(ReservationState.ReserveAborting, now);
        holdExpires = null;
    }

    /** Leaves a transient reservation state for ReserveStart: nothing is being held, committed or aborted any more. */
    public void settleReservationState(Instant now) {
        if (reservationState == ReservationState.ReserveStart || reservationState == ReservationState.ReserveFailed) {
            return;
        }
        if (reservationState != ReservationState.ReserveAborting) {
            if (reservationState == ReservationState.ReserveCommitting) {
                holdExpires = null;
            }
            moveTo(ReservationState.ReserveAborting, now);
        }
        moveTo(ReservationState.ReserveStart, now);
    }

    public void markDataPlane(boolean active, Instant now) {
        dataPlaneActive = active;
        updatedAt = now;
    }

    public void recordError(FaultKind kind, String message, Instant now) {
        lastErrorKind = kind;
        lastError = message == null ? null : message.substring(0, Math.min(message.length(), 4000));
        updatedAt = now;
    }

    public void replacePlacement(List<ReservedNode> placed, List<ReservedSegment> allocated,
                                 List<Participant> involved) {
        nodes.clear();
        nodes.addAll(placed);
        segments.clear();
        segments.addAll(allocated);
        participants.clear();
        participants.addAll(involved);
    }
}
