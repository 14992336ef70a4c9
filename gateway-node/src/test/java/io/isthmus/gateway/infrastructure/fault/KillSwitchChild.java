package io.isthmus.gateway.infrastructure.fault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A process for {@link KillSwitchTest} to kill for real: {@code KillSwitchChild <kill file> <point>} reaches the point
 * on a switch armed by the file, and exits 3 if it is still alive afterwards.
 */
public final class KillSwitchChild {

    private KillSwitchChild() {
    }

    public static void main(String[] args) {
        new KillSwitch(Optional.of(Path.of(args[0]))).reached(args[1]);
        System.exit(3);
    }
}
