package io.isthmus.examples.federation;

import io.isthmus.examples.federation.process.ChildProcess;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts the emulated federation, prints its addresses, and runs until Ctrl-C or SIGTERM (or until a
 * child dies), then stops every child and removes the namespaces.
 */
public final class FederationMain {

    private FederationMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        FederationOptions options;
        try {
            options = FederationArguments.parse(args, Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(64);
            return;
        }
        System.out.println("Starting the Isthmus emulated federation in " + options.runDir() + " ...");
        CountDownLatch stopped = new CountDownLatch(1);
        EmulatedFederation federation;
        try {
            federation = EmulatedFederation.start(options, created -> Runtime.getRuntime().addShutdownHook(
                    new Thread(() -> {
                        System.out.println("Stopping the federation ...");
                        created.close();
                        stopped.countDown();
                    }, "federation-shutdown")));
        } catch (RuntimeException e) {
            System.err.println("The federation did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        FederationReport.print(federation, System.out);
        while (!stopped.await(2, TimeUnit.SECONDS)) {
            Optional<ChildProcess> exited = federation.firstExited();
            if (exited.isPresent()) {
                ChildProcess child = exited.get();
                System.err.println(child.name() + " exited with code " + child.exitCode().orElse(-1)
                        + "; see " + child.logFile() + ". Stopping the federation.");
                System.exit(2);
            }
        }
    }
}
