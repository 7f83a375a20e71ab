package win.pvdify.systemd;

/** systemctl/journalctl failed; the message carries what systemd said. */
public class SystemdException extends RuntimeException {
    public SystemdException(String message) {
        super(message);
    }
}
