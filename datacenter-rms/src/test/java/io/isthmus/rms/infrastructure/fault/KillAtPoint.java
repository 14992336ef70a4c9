package io.isthmus.rms.infrastructure.fault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Child process of {@link KillSwitchTest}: arms a real {@link KillSwitch} with the kill file {@code args[0]},
 * prints {@code reaching <point>}, reaches point {@code args[1]}, and prints {@code survived} if it is still alive.
 */
public final class KillAtPoint {

    private KillAtPoint() {
    }

    public static void main(String[] args) {
        KillSwitch killSwitch = new KillSwitch(Optional.of(Path.of(args[0])));
        System.out.println("reaching " + args[1]);
        System.out.flush();
        killSwitch.reached(args[1]);
        System.out.println("survived");
        System.out.flush();
    }
}
