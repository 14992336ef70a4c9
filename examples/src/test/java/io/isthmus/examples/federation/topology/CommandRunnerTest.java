package io.isthmus.examples.federation.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {

    private final CommandRunner runner = new CommandRunner();

    @Test
    void returnsWhatTheCommandPrinted() {
        assertEquals("a b\n", runner.run(List.of("echo", "a b")));
    }

    @Test
    void aFailingCommandCarriesItsExitCodeAndStderr() {
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> runner.run(List.of("ls", "/no/such/dir")));

        assertTrue(failure.exitCode() != 0);
        assertTrue(failure.getMessage().contains("ls /no/such/dir"), failure.getMessage());
        assertTrue(failure.stderr().contains("/no/such/dir"));
    }

    @Test
    void aMissingProgramIsReportedNotHidden() {
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> runner.run(List.of("no-such-program-isthmus")));

        assertTrue(failure.getMessage().contains("could not be run"));
    }
}
