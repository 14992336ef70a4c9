package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.site.SiteException;
import java.util.List;
import java.util.Optional;

/**
 * An L1 VM started but its guest did not report ready (its agent channel never connected) within the site's
 * timeout, or its domain stopped first. The message names the node's domain and host and, once
 * {@link #withConsole(Optional)} added it, ends with the last lines of the VM's console log: what the owner would
 * look at first.
 */
public final class GuestNotReadyException extends SiteException {

    /** How much of the console log's end is read for the message. */
    public static final int CONSOLE_TAIL_BYTES = 16 * 1024;
    private static final int CONSOLE_LINES = 15;

    public GuestNotReadyException(String message) {
        super(message);
    }

    /**
     * This failure with the last lines of the VM's console log (control characters removed) appended, or a word
     * that the guest printed nothing; unchanged when there is no log.
     */
    public GuestNotReadyException withConsole(Optional<String> consoleTail) {
        if (consoleTail.isEmpty()) {
            return this;
        }
        List<String> lines = consoleTail.get().lines().map(l -> l.replaceAll("\\p{Cntrl}", "").stripTrailing())
                .filter(l -> !l.isEmpty()).toList();
        GuestNotReadyException described = new GuestNotReadyException(getMessage() + (lines.isEmpty()
                ? "; its console log is empty (the guest printed nothing)"
                : "; last lines of its console log:\n" + String.join("\n",
                        lines.subList(Math.max(0, lines.size() - CONSOLE_LINES), lines.size()))));
        described.setStackTrace(getStackTrace());
        return described;
    }
}
