package dev.petri.masking;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Staging connections kept open for one masking run: a connection closed by its user goes back to an
 * idle list once its session is reset (transaction rolled back, autocommit on, then the dialect's reset
 * statement, {@code DISCARD ALL} on PostgreSQL), and the next {@link #open} takes it instead of logging
 * in again. A run over many small tables opens a few connections instead of several per table. A
 * connection whose reset fails is closed, never reused.
 */
final class ReusedConnections implements MaskingPipeline.StagingConnections, AutoCloseable {

    private static final int MAX_IDLE = 8;

    private final MaskingPipeline.StagingConnections opener;
    private final String reset;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param opener opens a new connection
     * @param reset  the statement that returns a session to its state at login
     */
    ReusedConnections(MaskingPipeline.StagingConnections opener, String reset) {
        this.opener = opener;
        this.reset = reset;
    }

    @Override
    public Connection open() throws SQLException {
        Connection real;
        synchronized (this) {
            real = idle.pollFirst();
        }
        return lend(real != null ? real : opener.open());
    }

    private Connection lend(Connection real) {
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("close") && method.getParameterCount() == 0) {
                        if (returned.compareAndSet(false, true)) {
                            giveBack(real);
                        }
                        return null;
                    }
                    if (name.equals("isClosed") && method.getParameterCount() == 0) {
                        return returned.get() || real.isClosed();
                    }
                    if (returned.get()) {
                        throw new SQLException("this connection has been closed");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void giveBack(Connection real) {
        try {
            if (!real.isClosed()) {
                if (!real.getAutoCommit()) {
                    real.rollback();
                    real.setAutoCommit(true);
                }
                try (Statement st = real.createStatement()) {
                    st.execute(reset);
                }
                synchronized (this) {
                    if (!closed && idle.size() < MAX_IDLE) {
                        idle.push(real);
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            // a session that cannot be reset is not reused
        }
        closeQuietly(real);
    }

    @Override
    public void close() {
        Deque<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(ReusedConnections::closeQuietly);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing to do
        }
    }
}
