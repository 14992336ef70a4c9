package io.isthmus.broker.interfaces.rest;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API root ({@code /api/v1}) and the broker's data source: an H2 file database by default, any JDBC URL
 * (PostgreSQL in production, with its driver added to the server) through {@code isthmus.db.url}.
 */
@ApplicationPath("api/v1")
@DataSourceDefinition(name = "java:app/jdbc/isthmus",
        className = "org.h2.jdbcx.JdbcDataSource",
        url = "${MPCONFIG=isthmus.db.url}",
        user = "${MPCONFIG=isthmus.db.user}",
        password = "${MPCONFIG=isthmus.db.password}")
public class RestApplication extends Application {
}
