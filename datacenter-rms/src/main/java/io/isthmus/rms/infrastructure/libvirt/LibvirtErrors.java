package io.isthmus.rms.infrastructure.libvirt;

import io.isthmus.rms.domain.compute.ComputeException;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

/**
 * Turns a {@link LibvirtException} into our {@link ComputeException}, keeping libvirt's error number, and tells the
 * "not found" answers apart (shared by the compute driver and the storage package).
 */
public final class LibvirtErrors {

    private LibvirtErrors() {
    }

    public static ComputeException wrap(String what, LibvirtException e) {
        Error error = e.getError();
        String code = error == null || error.getCode() == null ? "VIR_ERR_UNKNOWN" : error.getCode().name();
        String domain = error == null || error.getDomain() == null ? "VIR_FROM_NONE" : error.getDomain().name();
        String detail = error == null ? e.getMessage() : error.getMessage();
        return new ComputeException(what + ": " + detail, code, domain, e);
    }

    public static boolean isNoDomain(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_DOMAIN;
    }

    /** Whether libvirt answered that the storage pool asked for is not defined. */
    public static boolean isNoStoragePool(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_STORAGE_POOL;
    }

    /** Whether libvirt answered that the storage volume asked for is not in its pool. */
    public static boolean isNoStorageVolume(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_STORAGE_VOL;
    }
}
