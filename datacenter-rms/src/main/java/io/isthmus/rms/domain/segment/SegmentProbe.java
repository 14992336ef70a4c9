package io.isthmus.rms.domain.segment;

import java.util.Objects;
import java.util.Optional;

/** Whether a segment driver can work on this machine, and if not, why and what to do about it. */
public record SegmentProbe(String driver, Optional<Refusal> refusal) {

    /** Why a driver cannot work here. */
    public enum Reason {
        /** Creating interfaces needs root (CAP_NET_ADMIN). */
        NOT_ROOT,
        /** A command-line tool the driver runs is not installed. */
        TOOL_MISSING,
        /** The kernel lacks a feature the driver needs (e.g. the openvswitch datapath). */
        KERNEL_FEATURE_MISSING,
        /** A daemon the driver talks to (e.g. ovsdb-server) does not answer. */
        SERVICE_UNREACHABLE,
        /** The network namespace of the emulated host does not exist. */
        NAMESPACE_MISSING
    }

    /** The reason and a message that says what to do. */
    public record Refusal(Reason reason, String message) {
        public Refusal {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    public SegmentProbe {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(refusal, "refusal");
    }

    public static SegmentProbe usable(String driver) {
        return new SegmentProbe(driver, Optional.empty());
    }

    public static SegmentProbe refused(String driver, Reason reason, String message) {
        return new SegmentProbe(driver, Optional.of(new Refusal(reason, message)));
    }

    public boolean usable() {
        return refusal.isEmpty();
    }

    /** One line for a log or an error: "linux-bridge: usable" or "ovs: TOOL_MISSING: ...". */
    public String describe() {
        return driver + refusal.map(r -> ": " + r.reason() + ": " + r.message()).orElse(": usable");
    }
}
