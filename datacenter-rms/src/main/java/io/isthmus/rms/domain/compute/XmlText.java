package io.isthmus.rms.domain.compute;

/**
 * Makes text a guest printed safe to carry in an XML 1.0 document. Every character XML 1.0 forbids is removed: the C0
 * controls other than TAB, LF and CR (among them the ESC that starts a terminal escape sequence, whose remaining
 * printable characters stay), U+FFFE and U+FFFF, and surrogates without their pair. Everything else is kept as it was.
 */
public final class XmlText {

    private XmlText() {
    }

    public static String safe(String text) {
        return text.codePoints().filter(XmlText::allowed)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** XML 1.0's {@code Char} production; a lone surrogate arrives here as itself and is outside it. */
    static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
