package win.pvdify.engine;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The engine's puller, with images pulled ahead of their deploy: an operation pulls its image before the
 * app's turn (prepare), and the deploy's PullImage step then takes that digest instead of pulling again.
 * A prepared image is used once and only for a while (a tag moves; a deploy much later pulls afresh).
 */
final class PreparedImages implements ImagePuller {
    private static final Duration FRESH = Duration.ofMinutes(10);
    private final ImagePuller puller;
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();

    private record Prepared(String digest, long at) {
    }

    PreparedImages(ImagePuller puller) {
        this.puller = puller;
    }

    String prepare(String image, Consumer<String> progress) {
        String digest = puller.pull(image, progress);
        prepared.put(image, new Prepared(digest, System.nanoTime()));
        return digest;
    }

    @Override
    public String pull(String image, Consumer<String> progress) {
        Prepared p = prepared.remove(image);
        if (p != null && System.nanoTime() - p.at() < FRESH.toNanos()) {
            progress.accept("Using " + image + " (pulled before this deploy's turn)");
            return p.digest();
        }
        return puller.pull(image, progress);
    }
}
