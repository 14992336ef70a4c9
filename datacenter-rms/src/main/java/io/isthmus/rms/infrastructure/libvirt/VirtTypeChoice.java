package io.isthmus.rms.infrastructure.libvirt;

import java.util.Locale;
import java.util.Optional;

/** How a QEMU host's domain type is chosen ({@code host.<h>.virtType}): probed, or fixed by the operator. */
public enum VirtTypeChoice {
    /** KVM when libvirt offers it and a probe guest's vCPU really runs, TCG otherwise. */
    AUTO,
    /** Always {@code kvm} (the operator knows the host runs KVM guests). */
    KVM,
    /** Always {@code qemu}: TCG emulation, slower but needs no hardware virtualisation. */
    QEMU;

    public static Optional<VirtTypeChoice> parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "auto" -> Optional.of(AUTO);
            case "kvm" -> Optional.of(KVM);
            case "qemu" -> Optional.of(QEMU);
            default -> Optional.empty();
        };
    }
}
