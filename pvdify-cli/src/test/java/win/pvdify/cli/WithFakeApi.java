package win.pvdify.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test against a fresh FakePvdifyd holding the app "my-app", with a CLI whose home is a temporary folder. */
abstract class WithFakeApi {
    @TempDir
    Path home;
    FakePvdifyd fake;
    CliRun cli;

    @BeforeEach
    void startFakeApi() throws Exception {
        fake = new FakePvdifyd();
        fake.addApp("my-app");
        cli = CliRun.against(fake, home);
    }

    @AfterEach
    void stopFakeApi() {
        fake.close();
    }
}
