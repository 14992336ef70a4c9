package io.isthmus.rms.domain.compute;

import java.util.Objects;
import java.util.Optional;

/**
 * The end of a VM's serial console log as the site answers it: XML 1.0-safe text ({@link XmlText}) and whether the
 * log goes on before it. Lengths count the log's text in UTF-8, as the storage read it.
 */
public record ConsoleTail(String text, boolean truncated) {

    /** A VM without a console log (yet). */
    public static final ConsoleTail NONE = new ConsoleTail("", false);

    public ConsoleTail {
        Objects.requireNonNull(text, "text");
    }

    /**
     * From what the storage read with a limit of one byte more than {@code limit}: when that is longer than the
     * limit, the log is longer too, and only its last whole characters that fit in the limit are kept.
     */
    public static ConsoleTail of(Optional<String> read, ConsoleBytes limit) {
        if (read.isEmpty()) {
            return NONE;
        }
        String text = read.get();
        long bytes = text.codePoints().mapToLong(ConsoleTail::utf8Length).sum();
        int start = 0;
        while (bytes > limit.value()) {
            int c = text.codePointAt(start);
            bytes -= utf8Length(c);
            start += Character.charCount(c);
        }
        return new ConsoleTail(XmlText.safe(text.substring(start)), start > 0);
    }

    private static int utf8Length(int c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        return c < 0x10000 ? 3 : 4;
    }
}
