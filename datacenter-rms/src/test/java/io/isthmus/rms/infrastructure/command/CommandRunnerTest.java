package io.isthmus.rms.infrastructure.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Real processes: a failing command's exit code and error output reach the caller, a missing tool is named. */
class CommandRunnerTest {

    private final CommandRunner runner = CommandRunner.withDefaultTimeout();

    @Test
    void aFailingCommandReportsItsExitCodeAndErrorOutput() {
        CommandResult result = runner.run(List.of("ls", "/isqt-does-not-exist"));

        assertFalse(result.succeeded());
        assertEquals(2, result.exitCode());
        assertTrue(result.describe().startsWith("'ls /isqt-does-not-exist' exited with 2: "), result.describe());
        assertTrue(result.stderr().contains("isqt-does-not-exist"), result.stderr());
    }

    @Test
    void argumentsReachTheCommandVerbatimWithoutAShell() {
        CommandResult result = runner.run(List.of("echo", "a;b", "$HOME", "`id`"));

        assertEquals("a;b $HOME `id`\n", result.stdout());
    }

    @Test
    void aToolThatIsNotInstalledIsNamedInTheError() {
        CommandException e = assertThrows(CommandException.class,
                () -> runner.run(List.of("isqt-no-such-tool", "-V")));
        assertTrue(e.getMessage().contains("could not start 'isqt-no-such-tool -V': install it or fix PATH"),
                e.getMessage());
    }
}
