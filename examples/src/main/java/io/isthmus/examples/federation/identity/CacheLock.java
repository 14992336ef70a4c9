package io.isthmus.examples.federation.identity;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a cache directory, held through a lock file beside it: across processes by a file lock, across
 * threads of this JVM by an in-process lock (a JVM holds a file lock once). Waits at most a bounded time.
 */
final class CacheLock implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CacheLock.class.getName());
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();
    private static final Duration POLL = Duration.ofMillis(500);

    private final FileChannel channel;
    private final FileLock lock;

    private CacheLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code cacheDirectory}: {@code <cacheDirectory>.lock} beside it. */
    static Path lockFileOf(Path cacheDirectory) {
        return cacheDirectory.resolveSibling(cacheDirectory.getFileName() + ".lock");
    }

    /** Takes the lock of {@code cacheDirectory}, waiting at most {@code timeout} for another holder to let go. */
    static CacheLock acquire(Path cacheDirectory, Duration timeout) {
        Path lockFile = lockFileOf(cacheDirectory);
        Instant deadline = Instant.now().plus(timeout);
        try {
            if (!IN_PROCESS.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IdentityProviderException("another thread of this process held " + lockFile + " for "
                        + timeout.toSeconds() + " s; is a Keycloak start stuck?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityProviderException("interrupted while waiting for " + lockFile, e);
        }
        try {
            Files.createDirectories(lockFile.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            boolean announced = false;
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new CacheLock(channel, lock);
                }
                if (!announced) {
                    LOG.log(System.Logger.Level.INFO, "Waiting for another launch that holds {0} (unpacking or"
                            + " building Keycloak)", lockFile);
                    announced = true;
                }
                if (Instant.now().isAfter(deadline)) {
                    channel.close();
                    throw new IdentityProviderException("another process held " + lockFile + " for more than "
                            + timeout.toSeconds() + " s; if no other launch runs, delete that file");
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (IOException e) {
            IN_PROCESS.unlock();
            throw new IdentityProviderException("could not lock " + lockFile + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            IN_PROCESS.unlock();
            Thread.currentThread().interrupt();
            throw new IdentityProviderException("interrupted while waiting for " + lockFile, e);
        } catch (RuntimeException e) {
            IN_PROCESS.unlock();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new IdentityProviderException("could not release " + lock + ": " + e.getMessage(), e);
        } finally {
            IN_PROCESS.unlock();
        }
    }
}
