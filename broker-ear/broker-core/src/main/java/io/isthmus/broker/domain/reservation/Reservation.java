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

    public String tunnelKind() {
        return tunnelKind;
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<FaultKind> lastErrorKind() {
        return Optional.ofNullable(lastErrorKind);
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

    /** Phase two succeeded everywhere. */
    public void markCommitted(Instant now) {
        moveTo(ReservationState.ReserveStart, now);
        committed = true;
        holdExpires = null;
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
