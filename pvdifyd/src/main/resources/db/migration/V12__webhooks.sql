-- Webhooks: per app, deliveries of operation events to a URL. The URL (Slack-style URLs carry their secret in
-- the path) and the signing secret are encrypted with the keyset (Tink AEAD, associated data webhook + id), so
-- neither is on disk in clear; url_shown is scheme://host[:port]/... for listings. include: comma-separated
-- event types (release, build, dyno, operation). format: json or slack. They go with their app.
CREATE TABLE webhooks (
    id         TEXT    NOT NULL PRIMARY KEY,
    app        TEXT    NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    url        BLOB    NOT NULL,
    url_shown  TEXT    NOT NULL,
    include    TEXT    NOT NULL,
    format     TEXT    NOT NULL,
    secret     BLOB,
    created_by TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);
CREATE INDEX webhooks_app ON webhooks (app);

-- One delivery of one event to one webhook, with its attempts so far: state pending (next_attempt_at set),
-- delivered (a 2xx) or failed (out of attempts). payload: the JSON body as sent (operation events only: no config
-- value, no secret). status_code/error: of the last attempt.
CREATE TABLE webhook_deliveries (
    id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    webhook         TEXT    NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event           TEXT    NOT NULL,
    operation_id    INTEGER,
    payload         TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    status_code     INTEGER,
    error           TEXT,
    created_at      BIGINT  NOT NULL,
    last_attempt_at BIGINT,
    next_attempt_at BIGINT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook, id);
