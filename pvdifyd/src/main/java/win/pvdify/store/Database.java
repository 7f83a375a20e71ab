package win.pvdify.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite file: migrated on open, WAL, foreign keys, busy timeout.
 * All writes go through ONE connection under a lock with BEGIN IMMEDIATE, so parallel writers queue here
 * instead of racing for SQLite's write lock (no SQLITE_BUSY, no lost update). Reads take one of a few reader
 * connections from a pool: WAL lets them run in parallel with each other and with the writer (a JDBC connection
 * is not thread-safe, so each is used by one thread at a time).
 */
public final class Database implements AutoCloseable {
    private final Path file;
    private final Connection writer;
    private final List<Connection> readers = new ArrayList<>();
    private final BlockingQueue<DSLContext> idleReaders;
    /** The reader this thread holds: a nested read joins it (taking a second could deadlock a full pool). */
    private final ThreadLocal<DSLContext> heldReader = new ThreadLocal<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final DSLContext writeCtx;
    /** Moves after every committed write: ReadCache's validity check. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    private Database(Path file, int readerCount) throws SQLException {
        this.file = file;
        this.writer = connect(file);
        this.writeCtx = DSL.using(writer, SQLDialect.SQLITE);
        this.idleReaders = new ArrayBlockingQueue<>(readerCount);
        for (int i = 0; i < readerCount; i++) {
            Connection c = connect(file);
            readers.add(c);
            idleReaders.add(DSL.using(c, SQLDialect.SQLITE));
        }
    }

    /** Readers: one per core (at least 2, at most 8); more would only queue inside SQLite. */
    static int readerCount() {
        return Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /** Opens (creating if needed) and migrates the database file. */
    public static Database open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String url = url(file);
            Flyway.configure()
                    .dataSource(url, null, null)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            return new Database(file, readerCount());
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot open the database " + file + ": " + e.getMessage(), e);
        }
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        Connection c = DriverManager.getConnection(url(file), config.toProperties());
        c.setAutoCommit(true);
        return c;
    }

    public Path file() {
        return file;
    }

    /** Runs work in one write transaction (BEGIN IMMEDIATE); nested calls join the outer transaction. */
    public <T> T write(Function<DSLContext, T> work) {
        writeLock.lock();
        try {
            if (writeLock.getHoldCount() > 1) {
                return work.apply(writeCtx);
            }
            exec(writer, "BEGIN IMMEDIATE");
            boolean ok = false;
            try {
                T result = work.apply(writeCtx);
                exec(writer, "COMMIT");
                generation.incrementAndGet();
                ok = true;
                return result;
            } finally {
                if (!ok) {
                    try {
                        exec(writer, "ROLLBACK");
                    } catch (RuntimeException ignored) {
                        // the original failure matters more
                    }
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** The number of writes committed so far by this process (the only writer of the file). */
    long generation() {
        return generation.get();
    }

    /** Runs read-only work; inside a write on this thread it sees that transaction's changes. */
    public <T> T read(Function<DSLContext, T> work) {
        if (writeLock.isHeldByCurrentThread()) {
            return work.apply(writeCtx);
        }
        DSLContext held = heldReader.get();
        if (held != null) {
            return work.apply(held);
        }
        DSLContext ctx;
        try {
            ctx = idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database reader", e);
        }
        heldReader.set(ctx);
        try {
            return work.apply(ctx);
        } finally {
            heldReader.remove();
            idleReaders.add(ctx);
        }
    }

    private static void exec(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new StoreException(sql + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            try {
                exec(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (RuntimeException ignored) {
                // closing anyway
            }
            closeQuietly(writer);
            readers.forEach(Database::closeQuietly);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing left to do
        }
    }
}
