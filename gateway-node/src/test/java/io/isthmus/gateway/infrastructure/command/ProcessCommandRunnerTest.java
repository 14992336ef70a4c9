package io.isthmus.gateway.infrastructure.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessCommandRunnerTest {

    private final ProcessCommandRunner runner = new ProcessCommandRunner();

    @Test
    void capturesStdoutOfASuccessfulCommand() {
        CommandResult r = runner.run(List.of("ip", "-V"));
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().contains("iproute2"), r.stdout());
    }

    @Test
    void failureCarriesExitCodeStderrAndTheCommand() {
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> runner.run(List.of("ip", "link", "show", "dev", "isthno0")));
        assertNotEquals(0, e.exitCode());
        assertTrue(e.stderr().contains("isthno0"), e.stderr());
        assertTrue(e.getMessage().contains("ip link show dev isthno0"), e.getMessage());
    }

    @Test
    void argumentsAreNeverInterpretedByAShell() {
        CommandResult r = runner.run(List.of("echo", "a; rm -rf /", "$(id)"));
        assertEquals("a; rm -rf / $(id)\n", r.stdout());
    }

    @Test
    void aMissingProgramIsACommandFailure() {
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> runner.run(List.of("isthmus-no-such-program")));
        assertEquals(-1, e.exitCode());
    }

    @Test
    void inputReachesTheCommandsStdinUnchanged() {
        CommandResult r = runner.run(List.of("cat"), "table bridge isthmus {\n}\n");
        assertEquals("table bridge isthmus {\n}\n", r.stdout());
    }
}
