package dev.petri.engine.postgres;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ExceptionSorter;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A small pool of administrative connections to one host's maintenance database. Opening a
 * SCRAM-authenticated connection costs tens of milliseconds of CPU on both sides; a clone, a drop or
 * a login takes a handful of statements, so reusing connections keeps that cost off every pool
 * member built and every environment dropped. Connections are validated when borrowed, so one that
 * the server ended (a restart, {@code pg_terminate_backend}) is replaced instead of handed out.
 */
final class AdminConnections implements AutoCloseable {

    private static final int MAX_SIZE = 16;

    private final AgroalDataSource dataSource;

    AdminConnections(String jdbcUrl, String username, String password) {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(false)
                .connectionPoolConfiguration(pool -> pool
                        .minSize(0)
                        .initialSize(0)
                        .maxSize(MAX_SIZE)
                        .acquisitionTimeout(Duration.ofSeconds(60))
                        .validateOnBorrow(true)
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .exceptionSorter(ExceptionSorter.fatalExceptionSorter())
                        .reapTimeout(Duration.ofSeconds(60))
                        .maxLifetime(Duration.ofMinutes(30))
                        .connectionFactoryConfiguration(factory -> {
                            factory.jdbcUrl(jdbcUrl)
                                    .autoCommit(true)
                                    .principal(new NamePrincipal(username))
                                    .jdbcProperty("ApplicationName", "petri");
                            if (password != null) {
                                factory.credential(new SimplePassword(password));
                            }
                            return factory;
                        }));
        try {
            this.dataSource = AgroalDataSource.from(config);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the administrative connection pool", e);
        }
    }

    /** A pooled connection; closing it gives it back. */
    Connection get() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
