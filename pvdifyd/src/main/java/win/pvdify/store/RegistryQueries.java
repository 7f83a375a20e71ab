package win.pvdify.store;

import static win.pvdify.store.schema.Tables.REGISTRY_CREDENTIALS;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import win.pvdify.api.RegistryCredential;
import win.pvdify.engine.RegistryLogins;
import win.pvdify.secrets.SecretBox;

/** Logins for private registries; passwords encrypted like config vars. */
public final class RegistryQueries implements RegistryLogins {
    private static final String SCOPE = "registry";
    private final Database db;
    private final Clock clock;
    private final SecretBox box;

    public RegistryQueries(Database db, Clock clock, SecretBox box) {
        this.db = db;
        this.clock = clock;
        this.box = box;
    }

    public void put(String registry, String username, String password) {
        byte[] secret = box.encrypt(password, SCOPE, registry);
        db.write(ctx -> ctx.insertInto(REGISTRY_CREDENTIALS)
                .set(REGISTRY_CREDENTIALS.REGISTRY, registry)
                .set(REGISTRY_CREDENTIALS.USERNAME, username)
                .set(REGISTRY_CREDENTIALS.SECRET, secret)
                .set(REGISTRY_CREDENTIALS.CREATED_AT, clock.millis())
                .onConflict(REGISTRY_CREDENTIALS.REGISTRY).doUpdate()
                .set(REGISTRY_CREDENTIALS.USERNAME, username)
                .set(REGISTRY_CREDENTIALS.SECRET, secret)
                .set(REGISTRY_CREDENTIALS.CREATED_AT, clock.millis())
                .execute());
    }

    public List<RegistryCredential> list() {
        return db.read(ctx -> ctx.selectFrom(REGISTRY_CREDENTIALS).orderBy(REGISTRY_CREDENTIALS.REGISTRY)
                .fetch(r -> new RegistryCredential(r.getRegistry(), r.getUsername(), null,
                        Instant.ofEpochMilli(r.getCreatedAt()))));
    }

    public boolean delete(String registry) {
        return db.write(ctx -> ctx.deleteFrom(REGISTRY_CREDENTIALS)
                .where(REGISTRY_CREDENTIALS.REGISTRY.eq(registry)).execute()) > 0;
    }

    @Override
    public Optional<Login> forRegistry(String registry) {
        return db.read(ctx -> ctx.selectFrom(REGISTRY_CREDENTIALS)
                .where(REGISTRY_CREDENTIALS.REGISTRY.eq(registry))
                .fetchOptional(r -> new Login(r.getRegistry(), r.getUsername(),
                        box.decrypt(r.getSecret(), SCOPE, r.getRegistry()))));
    }
}
