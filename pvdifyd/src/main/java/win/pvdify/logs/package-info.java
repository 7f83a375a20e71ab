/**
 * Dyno logs: LogSource (JournaldLogSource for systemd dynos, PodmanLogSource for the fallback), LogLine,
 * HerokuLogFormat (pure) and HerokuLogReader (the engine's AppLogReader). Follow ends when the consumer throws
 * or the reading thread is interrupted; journalctl -f / the Podman stream is then stopped at once.
 */
package win.pvdify.logs;
