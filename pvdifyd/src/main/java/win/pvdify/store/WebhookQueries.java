package win.pvdify.store;

import static win.pvdify.store.schema.Tables.WEBHOOKS;
import static win.pvdify.store.schema.Tables.WEBHOOK_DELIVERIES;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import win.pvdify.api.Webhook;
import win.pvdify.api.WebhookDelivery;
import win.pvdify.secrets.SecretBox;
import win.pvdify.store.schema.tables.records.WebhookDeliveriesRecord;
import win.pvdify.store.schema.tables.records.WebhooksRecord;

/**
 * Webhooks and their deliveries. The URL and the signing secret are encrypted (scope "webhook", name
 * "<id>/url" or "<id>/secret"), so a ciphertext copied to another webhook does not decrypt.
 */
public final class WebhookQueries {
    private static final String SCOPE = "webhook";
    private final Database db;
    private final Clock clock;
    private final SecretBox box;

    public WebhookQueries(Database db, Clock clock, SecretBox box) {
        this.db = db;
        this.clock = clock;
        this.box = box;
    }

    /** A webhook with what a delivery needs in clear (never answered over the API). */
    public record Target(Webhook webhook, String url, String secret) {
    }

    public Webhook insert(String id, String app, String url, String shownUrl, List<String> include,
                          Webhook.Format format, String secret, String createdBy) {
        db.write(ctx -> ctx.insertInto(WEBHOOKS)
                .set(WEBHOOKS.ID, id)
                .set(WEBHOOKS.APP, app)
                .set(WEBHOOKS.URL, box.encrypt(url, SCOPE, id + "/url"))
                .set(WEBHOOKS.URL_SHOWN, shownUrl)
                .set(WEBHOOKS.INCLUDE, String.join(",", include))
                .set(WEBHOOKS.FORMAT, format.wire())
                .set(WEBHOOKS.SECRET, secret == null ? null : box.encrypt(secret, SCOPE, id + "/secret"))
                .set(WEBHOOKS.CREATED_BY, createdBy)
                .set(WEBHOOKS.CREATED_AT, clock.millis())
                .execute());
        return find(app, id).orElseThrow();
    }

    public List<Webhook> list(String app) {
        return db.read(ctx -> ctx.selectFrom(WEBHOOKS).where(WEBHOOKS.APP.eq(app))
                .orderBy(WEBHOOKS.CREATED_AT, WEBHOOKS.ID).fetch(WebhookQueries::toWebhook));
    }

    public int count(String app) {
        return db.read(ctx -> ctx.fetchCount(WEBHOOKS, WEBHOOKS.APP.eq(app)));
    }

    public Optional<Webhook> find(String app, String id) {
        return db.read(ctx -> ctx.selectFrom(WEBHOOKS).where(WEBHOOKS.APP.eq(app)).and(WEBHOOKS.ID.eq(id))
                .fetchOptional(WebhookQueries::toWebhook));
    }

    /** The app's webhooks with URL and secret decrypted, for delivering. */
    public List<Target> targets(String app) {
        return db.read(ctx -> ctx.selectFrom(WEBHOOKS).where(WEBHOOKS.APP.eq(app)).orderBy(WEBHOOKS.ID)
                .fetch(this::toTarget));
    }

    public Optional<Target> target(String id) {
        return db.read(ctx -> ctx.selectFrom(WEBHOOKS).where(WEBHOOKS.ID.eq(id)).fetchOptional(this::toTarget));
    }

    public boolean delete(String app, String id) {
        return db.write(ctx -> ctx.deleteFrom(WEBHOOKS).where(WEBHOOKS.APP.eq(app)).and(WEBHOOKS.ID.eq(id))
                .execute()) > 0;
    }

    /** Records a delivery to make now: state pending, due at once. The payload is written by body(id). */
    public long enqueue(String webhook, String event, long operationId, java.util.function.LongFunction<String> body) {
        return db.write(ctx -> {
            long now = clock.millis();
            int id = ctx.insertInto(WEBHOOK_DELIVERIES)
                    .set(WEBHOOK_DELIVERIES.WEBHOOK, webhook)
                    .set(WEBHOOK_DELIVERIES.EVENT, event)
                    .set(WEBHOOK_DELIVERIES.OPERATION_ID, (int) operationId)
                    .set(WEBHOOK_DELIVERIES.PAYLOAD, "")
                    .set(WEBHOOK_DELIVERIES.STATE, WebhookDelivery.State.PENDING.wire())
                    .set(WEBHOOK_DELIVERIES.CREATED_AT, now)
                    .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, now)
                    .returningResult(WEBHOOK_DELIVERIES.ID).fetchOne().value1();
            ctx.update(WEBHOOK_DELIVERIES).set(WEBHOOK_DELIVERIES.PAYLOAD, body.apply(id))
                    .where(WEBHOOK_DELIVERIES.ID.eq(id)).execute();
            return (long) id;
        });
    }

    /** A delivery to attempt: its id, webhook, event and the body to send. */
    public record Due(long id, String webhook, String event, String payload, int attempts) {
    }

    /** Pending deliveries due at or before now, oldest first. */
    public List<Due> due(Instant now, int limit) {
        return db.read(ctx -> ctx.selectFrom(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.STATE.eq(WebhookDelivery.State.PENDING.wire()))
                .and(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT.le(now.toEpochMilli()))
                .orderBy(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, WEBHOOK_DELIVERIES.ID).limit(limit)
                .fetch(r -> new Due(r.getId(), r.getWebhook(), r.getEvent(), r.getPayload(), r.getAttempts())));
    }

    /** When the next pending delivery is due (empty: none pending). */
    public Optional<Instant> nextDue() {
        return db.read(ctx -> ctx.select(org.jooq.impl.DSL.min(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT))
                .from(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.STATE.eq(WebhookDelivery.State.PENDING.wire()))
                .fetchOptional(r -> r.value1() == null ? null : Instant.ofEpochMilli(r.value1())));
    }

    /** Records an attempt: state delivered, failed or pending again (then next is when). */
    public void attempted(long id, WebhookDelivery.State state, Integer statusCode, String error, Instant next) {
        db.write(ctx -> ctx.update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.STATE, state.wire())
                .set(WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_DELIVERIES.ATTEMPTS.plus(1))
                .set(WEBHOOK_DELIVERIES.STATUS_CODE, statusCode)
                .set(WEBHOOK_DELIVERIES.ERROR, error)
                .set(WEBHOOK_DELIVERIES.LAST_ATTEMPT_AT, clock.millis())
                .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, next == null ? null : next.toEpochMilli())
                .where(WEBHOOK_DELIVERIES.ID.eq((int) id))
                .execute());
    }

    /** Drops the webhook's ended deliveries older than its newest keep (the log stays bounded). */
    public void prune(String webhook, int keep) {
        db.write(ctx -> {
            Integer oldestKept = ctx.select(WEBHOOK_DELIVERIES.ID).from(WEBHOOK_DELIVERIES)
                    .where(WEBHOOK_DELIVERIES.WEBHOOK.eq(webhook)).orderBy(WEBHOOK_DELIVERIES.ID.desc())
                    .limit(1).offset(keep - 1).fetchOne(WEBHOOK_DELIVERIES.ID);
            return oldestKept == null ? 0 : ctx.deleteFrom(WEBHOOK_DELIVERIES)
                    .where(WEBHOOK_DELIVERIES.WEBHOOK.eq(webhook)).and(WEBHOOK_DELIVERIES.ID.lt(oldestKept))
                    .and(WEBHOOK_DELIVERIES.STATE.ne(WebhookDelivery.State.PENDING.wire())).execute();
        });
    }

    /** The webhook's deliveries, newest first. */
    public List<WebhookDelivery> deliveries(String webhook, int limit) {
        return db.read(ctx -> ctx.selectFrom(WEBHOOK_DELIVERIES).where(WEBHOOK_DELIVERIES.WEBHOOK.eq(webhook))
                .orderBy(WEBHOOK_DELIVERIES.ID.desc()).limit(limit).fetch(WebhookQueries::toDelivery));
    }

    private static WebhookDelivery toDelivery(WebhookDeliveriesRecord r) {
        return new WebhookDelivery(r.getId(), r.getWebhook(), r.getEvent(),
                r.getOperationId() == null ? null : r.getOperationId().longValue(), r.getState(), r.getAttempts(),
                r.getStatusCode(), r.getError(), Instant.ofEpochMilli(r.getCreatedAt()),
                r.getLastAttemptAt() == null ? null : Instant.ofEpochMilli(r.getLastAttemptAt()),
                r.getNextAttemptAt() == null ? null : Instant.ofEpochMilli(r.getNextAttemptAt()));
    }

    private static Webhook toWebhook(WebhooksRecord r) {
        return new Webhook(r.getId(), r.getApp(), r.getUrlShown(), Arrays.asList(r.getInclude().split(",")),
                r.getFormat(), r.getSecret() != null, r.getCreatedBy(), Instant.ofEpochMilli(r.getCreatedAt()));
    }

    private Target toTarget(WebhooksRecord r) {
        return new Target(toWebhook(r), box.decrypt(r.getUrl(), SCOPE, r.getId() + "/url"),
                r.getSecret() == null ? null : box.decrypt(r.getSecret(), SCOPE, r.getId() + "/secret"));
    }
}
