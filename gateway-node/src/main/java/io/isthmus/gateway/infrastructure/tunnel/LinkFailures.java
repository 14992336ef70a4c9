package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.infrastructure.command.CommandFailedException;

/** Turns what iproute2 printed on failure into a reason an operator can act on. */
public final class LinkFailures {

    private LinkFailures() {
    }

    /** A one-line reason for a failed link command, e.g. for a probe or an UNAVAILABLE fault. */
    public static String reason(String stderr, String kind) {
        String text = stderr == null ? "" : stderr.strip();
        if (text.contains("Operation not permitted")) {
            return "Operation not permitted — the gateway needs CAP_NET_ADMIN (run as root)";
        }
        if (text.contains("Unknown device type") || text.contains("Not supported")
                || text.contains("not supported")) {
            return "the kernel has no " + kind + " support (" + firstLine(text)
                    + ") — load its module or run the gateway on a kernel that has it";
        }
        if (text.contains("Cannot open network namespace")) {
            return firstLine(text) + " — create the namespace or fix gateway.netns";
        }
        if (text.contains("Cannot find device") || text.contains("does not exist")) {
            return firstLine(text) + " — check gateway.underlayDevice / gateway.trunk name the host's devices";
        }
        if (text.isEmpty()) {
            return "the command failed without a message";
        }
        return firstLine(text);
    }

    public static String reason(CommandFailedException e, String kind) {
        return reason(e.stderr(), kind);
    }

    /** True when the failure only says the interface is not there (so deleting it is already done). */
    public static boolean isMissingDevice(CommandFailedException e) {
        String text = e.stderr();
        return text.contains("Cannot find device") || text.contains("does not exist");
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl).strip();
    }
}
