package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTargetResolverTest {
    @TempDir
    Path home;
    Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("PVDIFY_DATA_DIR", home.resolve("data").toString());
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/admin-token"), "from-admin-file\n");
    }

    private ApiTarget resolve(String flagUrl, String flagToken) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        return ApiTargetResolver.resolve(flagUrl, flagToken,
                new CliContext(env, new CliRun.FakeTerminal(false), sink, sink, CliRun.CLOCK));
    }

    private void login(String url, String token) {
        new CredentialsFile(home.resolve("config/pvdify/credentials")).write(new Credentials(url, token));
    }

    @Test
    void nothingGivenMeansTheLocalDaemonAndItsAdminToken() {
        ApiTarget t = resolve(null, null);
        assertEquals("http://127.0.0.1:9443", t.url());
        assertEquals("from-admin-file", t.token());
    }

    @Test
    void flagBeatsEnvBeatsLoginFileBeatsAdminFile() {
        login("http://127.0.0.1:9443", "from-login");
        assertEquals("from-login", resolve(null, null).token());
        env.put("PVDIFY_TOKEN", "from-env");
        assertEquals("from-env", resolve(null, null).token());
        assertEquals("from-flag", resolve(null, "from-flag").token());

        env.put("PVDIFY_API_URL", "http://127.0.0.2:1");
        assertEquals("http://127.0.0.2:1", resolve(null, null).url());
        assertEquals("http://h:2", resolve("h:2/", null).url());
    }

    @Test
    void storedTokensGoOnlyWhereTheyBelong() {
        login("https://pvdify.example.com", "from-login");
        assertEquals("from-login", resolve(null, null).token());
        // another server: neither the login token nor the local admin token is sent
        assertNull(resolve("https://other.example.com", null).token());
        // the local admin token only to loopback
        assertEquals("from-admin-file", resolve("http://127.0.0.1:9443", null).token());
    }

    @Test
    void theAdminTokenGoesOnlyToLoopbackIpLiterals() {
        for (String url : List.of("http://127.0.0.1:9443", "http://127.1.2.3:1", "http://[::1]:9443",
                "http://[0:0:0:0:0:0:0:1]:9443")) {
            assertEquals("from-admin-file", resolve(url, null).token(), url);
        }
        for (String url : List.of("http://127.attacker.tld:9443", "http://127.0.0.1.nip.io:9443",
                "http://127.0.0.1.evil:9443", "http://localhost:9443", "http://127.0.0.256:1", "http://127.0.0:1",
                "http://128.0.0.1:9443", "https://pvdify.example.com")) {
            assertNull(resolve(url, null).token(), url);
            assertFalse(ApiTargetResolver.isLoopback(url), url);
        }
    }
}
