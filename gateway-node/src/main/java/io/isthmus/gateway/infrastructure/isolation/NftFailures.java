package io.isthmus.gateway.infrastructure.isolation;

import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import java.util.stream.Collectors;

/** Turns what a failed {@code nft} run said into a reason an operator can act on. */
final class NftFailures {

    private NftFailures() {
    }

    static String reason(CommandFailedException e) {
        String text = e.stderr() == null ? "" : e.stderr().strip();
        boolean notStarted = e.exitCode() == -1 && e.getMessage().contains("could not be run");
        boolean netnsExecFailed = text.startsWith("exec of \"") && text.contains("failed: No such file or directory");
        if (notStarted || netnsExecFailed) {
            return "nft is not installed (Debian: apt-get install nftables)";
        }
        if (text.contains("Operation not permitted")) {
            return "Operation not permitted — the gateway needs CAP_NET_ADMIN (run as root)";
        }
        if (text.isEmpty()) {
            return "nft failed with exit code " + e.exitCode() + " and no message";
        }
        String errors = text.lines().filter(l -> l.contains("Error:")).map(l -> l.substring(l.indexOf("Error:")))
                .distinct().limit(3)
                .collect(Collectors.joining("; "));
        return "the kernel or nft refused the bridge-family ruleset (" + (errors.isEmpty() ? firstLine(text) : errors)
                + ") — the kernel needs nf_tables with bridge-family support";
    }

    /** True when there was nothing to delete (no table, or no nft to have made one). */
    static boolean isAbsent(CommandFailedException e) {
        return e.stderr().contains("No such file or directory") || e.exitCode() == -1;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl).strip();
    }
}
