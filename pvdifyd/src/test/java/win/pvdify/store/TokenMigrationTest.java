package win.pvdify.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import win.pvdify.TestDaemon;
import win.pvdify.api.Token;

/**
 * V8: a token belongs to its app. A database from before it loses the tokens of apps that are already gone
 * (they could only re-create those apps and own them); afterwards deleting an app deletes its tokens, and a
 * token for an app that does not exist cannot be stored at all.
 */
class TokenMigrationTest {

    @Test
    void staleTokensAreDroppedAndTokensFollowTheirApp() throws Exception {
        Path file = TestDaemon.newDataDir().resolve("pvdify.db");
        String url = "jdbc:sqlite:" + file;
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("4").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO apps (name, environment, status, bind_port, created_at, updated_at)"
                    + " VALUES ('live', 'production', 'created', 5000, 1, 1)");
            s.execute("INSERT INTO tokens (id, hash, kind, app, created_at) VALUES ('tok_live', 'h1', 'deploy', 'live', 1)");
            s.execute("INSERT INTO tokens (id, hash, kind, app, created_at) VALUES ('tok_gone', 'h2', 'deploy', 'gone', 1)");
            s.execute("INSERT INTO tokens (id, hash, kind, app, created_at) VALUES ('tok_admin', 'h3', 'admin', NULL, 1)");
        }

        Database db = Database.open(file);
        try {
            TokenQueries tokens = new TokenQueries(db, Clock.systemUTC());
            assertEquals(List.of("tok_admin", "tok_live"), tokens.list().stream().map(Token::id).sorted().toList());

            assertThrows(RuntimeException.class,
                    () -> tokens.insert("tok_new", "h4", Token.Kind.PREVIEW, "nosuchapp", null));

            new AppQueries(db, Clock.systemUTC()).delete("live");
            assertEquals(List.of("tok_admin"), tokens.list().stream().map(Token::id).toList());
        } finally {
            db.close();
        }
    }
}
