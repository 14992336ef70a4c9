package io.isthmus.broker.interfaces.rest;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API root ({@code /api/v1}) and the broker's data source: an H2 file database by default, PostgreSQL in
 * production, chosen by the JDBC URL in {@code isthmus.db.url} (both drivers ship in the WAR).
 */
@ApplicationPath("api/v1")
@DataSourceDefinition(name = "java:app/jdbc/isthmus",
        className = "io.isthmus.broker.infrastructure.persistence.JdbcUrlDataSource",
        url = "${MPCONFIG=isthmus.db.url}",
        user = "${MPCONFIG=isthmus.db.user}",
        password = "${MPCONFIG=isthmus.db.password}")
public class RestApplication extends Application {
}
