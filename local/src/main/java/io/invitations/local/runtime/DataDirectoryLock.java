package io.invitations.local.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process at a time on a data directory: the embedded servers keep their files open, and two sets of
 * them on the same files would corrupt both. Held until closed (or the process ends).
 */
public final class DataDirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or fails with {@link InUseException} when another process (or this one) holds it. */
    public static DataDirectoryLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel channel = FileChannel.open(dataDir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new InUseException(dataDir);
        }
        return new DataDirectoryLock(channel, lock);
    }

    /** True when someone holds the lock of {@code dataDir} now. */
    public static boolean isHeld(Path dataDir) throws IOException {
        if (!Files.isRegularFile(dataDir.resolve("lock"))) {
            return false;
        }
        try (DataDirectoryLock ignored = acquire(dataDir)) {
            return false;
        } catch (InUseException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** The data directory is in use by another command or a running {@code serve}. */
    public static final class InUseException extends IOException {
        InUseException(Path dataDir) {
            super("the data directory " + dataDir + " is in use by another invitations command; wait for it to"
                    + " finish, or use another --data-dir");
        }
    }
}
