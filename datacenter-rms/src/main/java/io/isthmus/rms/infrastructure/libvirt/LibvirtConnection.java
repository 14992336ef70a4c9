package io.isthmus.rms.infrastructure.libvirt;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * Holds the one libvirt connection to one URI. The connection is checked with {@code isAlive}
 * before each use and reopened when the daemon dropped it.
 */
final class LibvirtConnection implements AutoCloseable {

    private static final Logger LOG = System.getLogger(LibvirtConnection.class.getName());

    private final String uri;
    private Connect connect;

    LibvirtConnection(String uri) {
        this.uri = uri;
    }

    String uri() {
        return uri;
    }

    /** The test driver runs in-process; everything else is a real hypervisor. */
    boolean isTestDriver() {
        return uri.startsWith("test:");
    }

    synchronized Connect get() {
        try {
            if (connect != null && connect.isAlive()) {
                return connect;
            }
            if (connect != null) {
                LOG.log(Level.WARNING, "libvirt connection to {0} is dead; reconnecting", uri);
                closeQuietly();
            }
            connect = new Connect(uri, false);
            LOG.log(Level.INFO, "connected to libvirt at {0}", uri);
            return connect;
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot connect to libvirt at " + uri
                    + "; check that libvirtd runs there and this user may manage domains", e);
        }
    }

    @Override
    public synchronized void close() {
        if (connect == null) {
            return;
        }
        try {
            connect.close();
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("could not close the libvirt connection to " + uri, e);
        } finally {
            connect = null;
        }
    }

    private void closeQuietly() {
        try {
            connect.close();
        } catch (LibvirtException e) {
            LOG.log(Level.DEBUG, "closing the dead connection to {0} failed too: {1}", uri, e.getMessage());
        }
        connect = null;
    }
}
