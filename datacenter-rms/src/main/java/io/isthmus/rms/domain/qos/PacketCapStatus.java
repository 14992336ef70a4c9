package io.isthmus.rms.domain.qos;

/** Whether applying an allocation also enforced its packet-rate cap. */
public enum PacketCapStatus {
    /** The cap is enforced on the port. */
    ENFORCED,
    /** The allocation had no packet cap, so none is installed. */
    NOT_REQUESTED,
    /** The host can enforce no packet-rate cap (no tc police, no nft); bandwidth is shaped, the packet cap is not. */
    UNSUPPORTED
}
