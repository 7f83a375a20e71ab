package win.pvdify.engine;

import java.util.Optional;

/** Logins for private registries (stored encrypted), for pulling images: registry is host[:port]. */
public interface RegistryLogins {

    Optional<Login> forRegistry(String registry);

    record Login(String registry, String username, String password) {
    }
}
