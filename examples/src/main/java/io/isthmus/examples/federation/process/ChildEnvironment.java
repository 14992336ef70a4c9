package io.isthmus.examples.federation.process;

import java.util.List;
import java.util.Map;

/**
 * How a child's environment differs from this process's: variables whose names start with one of
 * {@code removedPrefixes} are dropped first (so an engineer's own {@code KC_DB} cannot change what the child does),
 * then {@code set} is put on top.
 */
public record ChildEnvironment(List<String> removedPrefixes, Map<String, String> set) {

    /** The child inherits this process's environment unchanged. */
    public static final ChildEnvironment INHERIT = new ChildEnvironment(List.of(), Map.of());

    public ChildEnvironment {
        removedPrefixes = List.copyOf(removedPrefixes);
        set = Map.copyOf(set);
        for (String prefix : removedPrefixes) {
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("an empty prefix would remove the whole environment");
            }
        }
    }

    /** Changes {@code environment} (a {@link ProcessBuilder#environment()}) in place. */
    public void applyTo(Map<String, String> environment) {
        environment.keySet().removeIf(name -> removedPrefixes.stream().anyMatch(name::startsWith));
        environment.putAll(set);
    }
}
