package io.isthmus.rms.infrastructure.libvirt;

import io.isthmus.rms.domain.compute.ComputeException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.libvirt.Connect;
import org.libvirt.ErrorCallback;
import org.libvirt.Library;
import org.libvirt.LibvirtException;

/**
 * The process-wide libvirt event loop (and error callback): registered once, then run by one daemon thread for the
 * life of the JVM (libvirt allows a single default event implementation per process, so it is
 * shared by every RMS running in the same JVM and never stopped).
 */
final class LibvirtEventLoop {

    private static final Logger LOG = System.getLogger(LibvirtEventLoop.class.getName());
    private static boolean started;

    private LibvirtEventLoop() {
    }

    static synchronized void ensureStarted() {
        if (started) {
            return;
        }
        try {
            // Errors reach us as LibvirtException with their number; stop libvirt printing them to stderr too.
            Connect.setErrorCallback(new ErrorCallback());
            Library.initEventLoop();
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("could not register the libvirt event loop", e);
        }
        Thread loop = new Thread(LibvirtEventLoop::run, "libvirt-event-loop");
        loop.setDaemon(true);
        loop.start();
        started = true;
        LOG.log(Level.DEBUG, "libvirt event loop running");
    }

    private static void run() {
        try {
            Library.runEventLoop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LibvirtException e) {
            ComputeException failure = LibvirtErrors.wrap("the libvirt event loop stopped", e);
            LOG.log(Level.ERROR, failure.getMessage(), failure);
        }
    }
}
