package io.isthmus.broker.infrastructure.persistence;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source for whatever JDBC URL the operator configures ({@code isthmus.db.url}): it connects through the
 * driver, among those bundled with the broker (H2, PostgreSQL), that accepts the URL. The application server pools
 * its connections. Drivers are found with {@link ServiceLoader} on this class's loader, not through the global
 * {@link java.sql.DriverManager}, so the WAR's own drivers are used.
 */
public class JdbcUrlDataSource implements DataSource {
    /** The password in the broker's embedded defaults (microprofile-config.properties), for its H2 file only. */
    static final String EMBEDDED_DEFAULT_PASSWORD = "isthmus";

    private String url;
    private String user;
    private String password;
    private int loginTimeout;

    public void setUrl(String url) {
        this.url = url;
    }

    /** The bean property name some servers use for the URL. */
    public void setURL(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        if (EMBEDDED_DEFAULT_PASSWORD.equals(pass) && (url == null || !url.startsWith("jdbc:h2:"))) {
            throw new SQLException("isthmus.db.password is the embedded default, which is only for the broker's own H2"
                    + " file; a database server needs its own password: set isthmus.db.password to the password of"
                    + " isthmus.db.user (MicroProfile Config reads an empty value as unset)");
        }
        Properties props = new Properties();
        if (username != null) {
            props.setProperty("user", username);
        }
        if (pass != null) {
            props.setProperty("password", pass);
        }
        String effective = durable(url);
        Connection connection = driverFor(effective).connect(effective, props);
        if (connection == null) {
            throw new SQLException("the JDBC driver for " + url + " returned no connection");
        }
        return connection;
    }

    /**
     * The URL with every commit written before it returns. H2 keeps commits in memory for up to its write delay
     * (500 ms by default): a broker killed then would lose reservations it had already answered. PostgreSQL's
     * commits are durable as configured by its server ({@code synchronous_commit}).
     */
    static String durable(String url) {
        if (url == null || !url.startsWith("jdbc:h2:") || url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=")) {
            return url;
        }
        return url + ";WRITE_DELAY=0";
    }

    static Driver driverFor(String url) throws SQLException {
        if (url == null || url.isBlank()) {
            throw new SQLException("no JDBC URL: set isthmus.db.url, e.g. jdbc:postgresql://db:5432/isthmus");
        }
        for (Driver driver : ServiceLoader.load(Driver.class, JdbcUrlDataSource.class.getClassLoader())) {
            if (driver.acceptsURL(url)) {
                return driver;
            }
        }
        throw new SQLException("no bundled JDBC driver accepts " + url.replaceAll("password=[^;&]*", "password=***")
                + "; the broker ships drivers for jdbc:h2: and jdbc:postgresql: URLs");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // connections log through the drivers' own logging
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("JdbcUrlDataSource logs through its drivers");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("JdbcUrlDataSource is not a " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
