package win.pvdify.engine;

import java.time.Duration;

/**
 * drain: how long old web dynos keep serving requests in flight after the route left them.
 * failureLogLines: how many of a failed dyno's last log lines go into the release's failure reason.
 */
public record EngineSettings(Duration drain, int failureLogLines) {

    public static EngineSettings defaults() {
        return new EngineSettings(Duration.ofSeconds(2), 20);
    }
}
