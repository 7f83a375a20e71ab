package win.pvdify.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long answers (log follows, operation event streams) open right now, by the token that opened them: a
 * token may hold at most followsPerToken log follows (429 beyond), and revoking a token ends all of its streams
 * (the handler's loop sees ended() and its thread is interrupted out of any wait).
 */
public final class OpenStreams {
    private final int followsPerToken;
    private final Map<String, Set<Stream>> byToken = new ConcurrentHashMap<>();

    public OpenStreams(int followsPerToken) {
        this.followsPerToken = followsPerToken;
    }

    /** One open stream, held by the thread that serves it; close() it when the answer ends. */
    public final class Stream implements AutoCloseable {
        private final String tokenId;
        private final boolean follow;
        private final Thread thread = Thread.currentThread();
        private volatile boolean ended;
        private boolean closed;

        private Stream(String tokenId, boolean follow) {
            this.tokenId = tokenId;
            this.follow = follow;
        }

        /** The token was revoked: stop serving. */
        public boolean ended() {
            return ended;
        }

        private synchronized void end() {
            ended = true;
            if (!closed) {
                thread.interrupt();
            }
        }

        @Override
        public void close() {
            byToken.computeIfPresent(tokenId, (k, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
            synchronized (this) {
                closed = true;
                if (ended) {
                    Thread.interrupted(); // the serving thread goes back to its connection: not interrupted
                }
            }
        }
    }

    /** Registers a log follow of this token; 429 when it already holds followsPerToken of them. */
    public Stream follow(String tokenId) {
        return open(tokenId, true);
    }

    /** Registers an event stream of this token (not capped: it ends with its operation). */
    public Stream events(String tokenId) {
        return open(tokenId, false);
    }

    private Stream open(String tokenId, boolean follow) {
        Stream s = new Stream(tokenId, follow);
        boolean[] full = {false};
        byToken.compute(tokenId, (k, set) -> {
            Set<Stream> streams = set == null ? ConcurrentHashMap.newKeySet() : set;
            if (follow && streams.stream().filter(x -> x.follow).count() >= followsPerToken) {
                full[0] = true;
            } else {
                streams.add(s);
            }
            return streams.isEmpty() ? null : streams;
        });
        if (full[0]) {
            throw new ApiProblem(429, "this token already follows " + followsPerToken + " logs at once"
                    + " (max_follows_per_token); end one first");
        }
        return s;
    }

    /** Ends every stream of this token (it was revoked). */
    public void endAll(String tokenId) {
        Set<Stream> streams = byToken.get(tokenId);
        if (streams != null) {
            streams.forEach(Stream::end);
        }
    }

    /** How many log follows are open (all tokens): for tests and /status. */
    public int follows() {
        return byToken.values().stream().mapToInt(set -> (int) set.stream().filter(s -> s.follow).count()).sum();
    }
}
