package io.isthmus.broker.domain.reservation;

import io.isthmus.broker.testsupport.ViBuilder;
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

    static Reservation freshReservation() {
        return new Reservation(ReservationId.random(), "requester-1", UUID.randomUUID().toString(),
                ViBuilder.valid().build(), ViBuilder.NOW);
    }
}
