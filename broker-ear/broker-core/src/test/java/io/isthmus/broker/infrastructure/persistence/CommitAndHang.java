package io.isthmus.broker.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link AcknowledgedCommitsSurviveSigkillTest}: commits rows through the broker's data
 * source, prints each row's number once its commit has returned (the moment a broker would answer its caller),
 * then spins until it is killed.
 */
public final class CommitAndHang {
    private CommitAndHang() {
    }

    public static void main(String[] args) throws SQLException {
        JdbcUrlDataSource ds = new JdbcUrlDataSource();
        ds.setUrl(args[0]);
        ds.setUser("sa");
        ds.setPassword("");
        int rows = Integer.parseInt(args[1]);
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table acknowledged (n int primary key)");
            }
            c.setAutoCommit(false);
            for (int n = 0; n < rows; n++) {
                try (PreparedStatement s = c.prepareStatement("insert into acknowledged values (?)")) {
                    s.setInt(1, n);
                    s.executeUpdate();
                }
                c.commit();
                System.out.println("committed " + n);
                System.out.flush();
            }
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        }
    }
}
