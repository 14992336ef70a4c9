package io.isthmus.broker.domain.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.testsupport.ViBuilder;
import java.time.Instant;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A state machine's legal moves written out by hand (DESIGN.md §4, after NSI CS 2.0), independent of the
 * production enums, with the shortest legal path from the initial state to any state.
 */
final class ExpectedTransitions<S extends Enum<S>> {
    private final Class<S> type;
    private final S initial;
    private final Set<String> legal;

    ExpectedTransitions(Class<S> type, S initial, String... legalMoves) {
        this.type = type;
        this.initial = initial;
        this.legal = Set.of(legalMoves);
    }

    boolean isLegal(S from, S to) {
        return legal.contains(from + "->" + to);
    }

    /** Every (from, to) pair of the machine, self-moves included. */
    Stream<Arguments> allPairs() {
        S[] states = type.getEnumConstants();
        return Stream.of(states).flatMap(from -> Stream.of(states).map(to -> Arguments.of(from, to)));
    }

    /** The states to pass through, after the initial one, to reach {@code target} by legal moves only. */
    List<S> pathTo(S target) {
        Map<S, S> cameFrom = new EnumMap<>(type);
        var queue = new ArrayDeque<S>(List.of(initial));
        while (!queue.isEmpty()) {
            S at = queue.poll();
            for (S next : type.getEnumConstants()) {
                if (isLegal(at, next) && next != initial && !cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    queue.add(next);
                }
            }
        }
        List<S> path = new ArrayList<>();
        for (S s = target; s != initial; s = cameFrom.get(s)) {
            if (s == null) {
                throw new IllegalStateException(target + " cannot be reached from " + initial);
            }
            path.add(s);
        }
        Collections.reverse(path);
        return path;
    }

    /** How a reservation moves one of its machines: one of the {@code Reservation.moveTo} overloads. */
    interface Move<S> {
        void apply(Reservation r, S target, Instant at);
    }

    /**
     * Walks a fresh reservation to {@code from} by legal moves, then checks the move to {@code to} against this
     * table: a legal one changes the state and the update time, an illegal one is a CONFLICT naming both states and
     * leaves the state alone.
     */
    void assertMove(S from, S to, BiPredicate<S, S> canMoveTo, Move<S> move, Function<Reservation, S> state) {
        Instant later = ViBuilder.NOW.plusSeconds(60);
        Reservation r = freshReservation();
        pathTo(from).forEach(s -> move.apply(r, s, ViBuilder.NOW));
        assertEquals(from, state.apply(r));
        assertEquals(isLegal(from, to), canMoveTo.test(from, to));

        if (isLegal(from, to)) {
            move.apply(r, to, later);
            assertEquals(to, state.apply(r));
            assertEquals(later, r.updatedAt());
        } else {
            var e = assertThrows(IllegalTransitionException.class, () -> move.apply(r, to, later));
            assertEquals(FaultKind.CONFLICT, e.kind());
            assertTrue(e.getMessage().contains(" is " + from + " ") && e.getMessage().endsWith(" " + to),
                    e.getMessage());
            assertEquals(from, state.apply(r), "a refused move leaves the state alone");
        }
    }

    static Reservation freshReservation() {
        return new Reservation(ReservationId.random(), "requester-1", UUID.randomUUID().toString(),
                ViBuilder.valid().build(), ViBuilder.NOW);
    }
}
