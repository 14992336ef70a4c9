package io.isthmus.rms.domain.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.isthmus.rms.domain.site.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The storage reads one byte more than asked: that byte says whether the log goes on before what is answered. */
class ConsoleTailTest {

    @Test
    void aLogNoLongerThanTheLimitIsAnsweredWholeAndNotTruncated() {
        assertEquals(new ConsoleTail("hello", false), ConsoleTail.of(Optional.of("hello"), new ConsoleBytes(5)));
        assertEquals(new ConsoleTail("hi", false), ConsoleTail.of(Optional.of("hi"), new ConsoleBytes(5)));
    }

    @Test
    void aLogLongerThanTheLimitIsCutToItsLastBytesAndTruncated() {
        assertEquals(new ConsoleTail("ello!", true), ConsoleTail.of(Optional.of("hello!"), new ConsoleBytes(5)));
    }

    @Test
    void theCutKeepsWholeCharactersWithinTheLimit() {
        // "aé✓" is 1 + 2 + 3 bytes; read with a limit of 4 (5 bytes read: the storage's cut split é)
        ConsoleTail tail = ConsoleTail.of(Optional.of("\uFFFD✓"), new ConsoleBytes(4));
        assertEquals(new ConsoleTail("✓", true), tail);
        assertEquals(3, tail.text().getBytes(StandardCharsets.UTF_8).length);
        assertEquals(new ConsoleTail("é✓", true), ConsoleTail.of(Optional.of("aé✓"), new ConsoleBytes(5)));
    }

    @Test
    void noLogIsEmptyAndNotTruncated() {
        assertEquals(new ConsoleTail("", false), ConsoleTail.of(Optional.empty(), ConsoleBytes.DEFAULT));
    }

    @Test
    void theAnsweredTextIsXmlSafeAfterTheCut() {
        assertEquals(new ConsoleTail("[1mok\n", true),
                ConsoleTail.of(Optional.of("xx\u001b[1mok\u0000\n"), new ConsoleBytes(7)));
    }

    @Test
    void theLimitIsOneByteToOneMebibyteAndSixteenKibibytesByDefault() {
        assertEquals(16_384, ConsoleBytes.DEFAULT.value());
        assertEquals(1_048_576, new ConsoleBytes(1_048_576).value());
        InvalidRequestException zero = assertThrows(InvalidRequestException.class, () -> new ConsoleBytes(0));
        assertEquals("maxBytes", zero.field());
        assertEquals("maxBytes 0 is out of range: ask for 1 to 1048576 bytes of the console log, or leave it out"
                + " for 16384", zero.getMessage());
        assertThrows(InvalidRequestException.class, () -> new ConsoleBytes(1_048_577));
    }
}
