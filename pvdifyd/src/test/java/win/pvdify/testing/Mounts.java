package win.pvdify.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Unmounts what a test's Podman left mounted under a directory (deepest first). */
public final class Mounts {
    private Mounts() {
    }

    public static void unmountUnder(Path dir) {
        String prefix = dir.toAbsolutePath().normalize().toString();
        List<String> points = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String point = line.split(" ")[4].replace("\\040", " ");
                if (point.equals(prefix) || point.startsWith(prefix + "/")) {
                    points.add(point);
                }
            }
        } catch (IOException e) {
            return;
        }
        points.sort(Comparator.comparingInt(String::length).reversed());
        for (String p : points) {
            Cmd.run(List.of("umount", "-l", p));
        }
    }
}
