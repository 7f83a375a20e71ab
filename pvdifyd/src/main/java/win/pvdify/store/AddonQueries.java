package win.pvdify.store;

import static win.pvdify.store.schema.Tables.ADDONS;
import static win.pvdify.store.schema.Tables.ADDON_ATTACHMENTS;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import win.pvdify.addon.Addon;
import win.pvdify.addon.AddonKind;
import win.pvdify.secrets.SecretBox;

/** Add-ons (addons) and the apps they are attached to (addon_attachments); passwords Tink-encrypted. */
public final class AddonQueries {
    private static final String SCOPE = "addon";
    private final Database db;
    private final Clock clock;
    private final SecretBox box;

    public AddonQueries(Database db, Clock clock, SecretBox box) {
        this.db = db;
        this.clock = clock;
        this.box = box;
    }

    public List<Addon> list() {
        return db.read(ctx -> ctx.selectFrom(ADDONS).orderBy(ADDONS.NAME).fetch()).stream()
                .map(r -> addon(r.getName(), r.getKind(), r.getVersion(), r.getImage(), r.getApp(), r.getCreatedAt()))
                .toList();
    }

    /** The add-ons created for this app or attached to it. */
    public List<Addon> forApp(String app) {
        return list().stream().filter(a -> a.app().equals(app)
                || a.attachments().stream().anyMatch(t -> t.app().equals(app))).toList();
    }

    public Optional<Addon> find(String name) {
        return list().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public void create(String name, AddonKind kind, String version, String image, String app, String password) {
        db.write(ctx -> ctx.insertInto(ADDONS)
                .set(ADDONS.NAME, name)
                .set(ADDONS.KIND, kind.wire())
                .set(ADDONS.VERSION, version)
                .set(ADDONS.IMAGE, image)
                .set(ADDONS.APP, app)
                .set(ADDONS.PASSWORD, box.encrypt(password, SCOPE, name))
                .set(ADDONS.CREATED_AT, clock.millis())
                .execute());
    }

    public String password(String name) {
        byte[] secret = db.read(ctx -> ctx.select(ADDONS.PASSWORD).from(ADDONS).where(ADDONS.NAME.eq(name))
                .fetchOne(ADDONS.PASSWORD));
        if (secret == null) {
            throw new StoreException("no add-on " + name, null);
        }
        return box.decrypt(secret, SCOPE, name);
    }

    public void attach(String addon, String app, String var, String network, String ip) {
        db.write(ctx -> ctx.insertInto(ADDON_ATTACHMENTS)
                .set(ADDON_ATTACHMENTS.ADDON, addon)
                .set(ADDON_ATTACHMENTS.APP, app)
                .set(ADDON_ATTACHMENTS.VAR, var)
                .set(ADDON_ATTACHMENTS.NETWORK, network)
                .set(ADDON_ATTACHMENTS.IP, ip)
                .set(ADDON_ATTACHMENTS.CREATED_AT, clock.millis())
                .execute());
    }

    public boolean detach(String addon, String app) {
        return db.write(ctx -> ctx.deleteFrom(ADDON_ATTACHMENTS)
                .where(ADDON_ATTACHMENTS.ADDON.eq(addon), ADDON_ATTACHMENTS.APP.eq(app)).execute()) > 0;
    }

    public boolean delete(String name) {
        return db.write(ctx -> ctx.deleteFrom(ADDONS).where(ADDONS.NAME.eq(name)).execute()) > 0;
    }

    /** Config vars the app's attachments set (a second add-on of a kind gets another name). */
    public Set<String> varsOf(String app) {
        return db.read(ctx -> ctx.select(ADDON_ATTACHMENTS.VAR).from(ADDON_ATTACHMENTS)
                .where(ADDON_ATTACHMENTS.APP.eq(app)).fetchSet(ADDON_ATTACHMENTS.VAR));
    }

    /** Addresses add-ons hold on this network. */
    public Set<String> ipsOn(String network) {
        return db.read(ctx -> ctx.select(ADDON_ATTACHMENTS.IP).from(ADDON_ATTACHMENTS)
                .where(ADDON_ATTACHMENTS.NETWORK.eq(network)).fetchSet(ADDON_ATTACHMENTS.IP));
    }

    private Addon addon(String name, String kind, String version, String image, String app, Long createdAt) {
        List<Addon.Attachment> attachments = db.read(ctx -> ctx.selectFrom(ADDON_ATTACHMENTS)
                .where(ADDON_ATTACHMENTS.ADDON.eq(name)).orderBy(ADDON_ATTACHMENTS.CREATED_AT, ADDON_ATTACHMENTS.APP)
                .fetch(r -> new Addon.Attachment(r.getApp(), r.getVar(), r.getNetwork(), r.getIp())));
        return new Addon(name, AddonKind.fromWire(kind).orElseThrow(), version, image, app,
                Instant.ofEpochMilli(createdAt), attachments);
    }
}
