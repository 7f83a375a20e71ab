package win.pvdify.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** `pvdify --version`: the build's version, from a resource Maven fills in. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/pvdify-cli.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"pvdify " + p.getProperty("version", "unknown")};
    }
}
