package win.pvdify.api.client;

/** A running log follow (see {@link PvdifyClient#followLogs}); close() ends it without blocking. */
public interface LogFollow extends AutoCloseable {
    @Override
    void close();
}
