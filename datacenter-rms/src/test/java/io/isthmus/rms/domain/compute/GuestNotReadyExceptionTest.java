package io.isthmus.rms.domain.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GuestNotReadyExceptionTest {

    private static final GuestNotReadyException TIMEOUT = new GuestNotReadyException(
            "node vm-1 (domain isthmus-x-vm-1) on host a1 is not ready: the guest did not report ready within 8 s");

    @Test
    void theMessageEndsWithTheConsolesLastFifteenLinesWithoutControlCharacters() {
        String console = IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i + "\u0007\u001b[0m")
                .collect(Collectors.joining("\r\n")) + "\r\n\r\n";

        String message = TIMEOUT.withConsole(Optional.of(console)).getMessage();

        assertTrue(message.startsWith(TIMEOUT.getMessage() + "; last lines of its console log:\nline 26[0m\n"),
                message);
        assertTrue(message.endsWith("\nline 40[0m"), message);
        assertEquals(15, message.lines().count() - 1, message);
    }

    @Test
    void anEmptyLogSaysTheGuestPrintedNothingAndNoLogLeavesTheMessageAsItIs() {
        assertEquals(TIMEOUT.getMessage() + "; its console log is empty (the guest printed nothing)",
                TIMEOUT.withConsole(Optional.of(" \r\n")).getMessage());
        assertSame(TIMEOUT, TIMEOUT.withConsole(Optional.empty()));
    }
}
