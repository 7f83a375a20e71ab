package win.pvdify.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
 * instead of racing for SQLite's write lock (no SQLITE_BUSY, no lost update). Reads use their own connection.
 */
public final class Database implements AutoCloseable {
    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final DSLContext writeCtx;
    private final DSLContext readCtx;

    private Database(Path file) throws SQLException {
        this.file = file;
        this.writer = connect(file);
        this.reader = connect(file);
        this.writeCtx = DSL.using(writer, SQLDialect.SQLITE);
        this.readCtx = DSL.using(reader, SQLDialect.SQLITE);
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
            return new Database(file);
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

    /** Runs read-only work; inside a write on this thread it sees that transaction's changes. */
    public <T> T read(Function<DSLContext, T> work) {
        if (writeLock.isHeldByCurrentThread()) {
            return work.apply(writeCtx);
        }
        readLock.lock();
        try {
            return work.apply(readCtx);
        } finally {
            readLock.unlock();
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
        readLock.lock();
        try {
            try {
                exec(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (RuntimeException ignored) {
                // closing anyway
            }
            writer.close();
            reader.close();
        } catch (SQLException ignored) {
            // nothing left to do
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }
}
