-- Add-ons (issue 13): managed PostgreSQL and Redis, each one container with a named volume. name is global
-- (a DNS label, like app names); app is the app it was created for (kept when that app is deleted, so the data
-- is not lost by accident; the container goes). password is Tink-encrypted (scope 'addon', name).
CREATE TABLE addons (
    name       TEXT    NOT NULL PRIMARY KEY,
    kind       TEXT    NOT NULL,
    version    TEXT    NOT NULL,
    image      TEXT    NOT NULL,
    app        TEXT    NOT NULL,
    password   BLOB    NOT NULL,
    created_at BIGINT  NOT NULL
);

-- Which apps use an add-on: the config var it set there and the add-on's address on that app's network.
CREATE TABLE addon_attachments (
    addon      TEXT    NOT NULL REFERENCES addons (name) ON DELETE CASCADE,
    app        TEXT    NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    var        TEXT    NOT NULL,
    network    TEXT    NOT NULL,
    ip         TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (addon, app),
    UNIQUE (app, var)
);

-- Backups of an add-on (pg_dump custom format), encrypted at rest with Tink streaming AEAD under the data dir
-- (backups/<addon>/<id>.backup); they go with their add-on. state: running, succeeded, failed.
CREATE TABLE addon_backups (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    addon      TEXT    NOT NULL REFERENCES addons (name) ON DELETE CASCADE,
    state      TEXT    NOT NULL,
    bytes      BIGINT,
    error      TEXT,
    created_at BIGINT  NOT NULL,
    ended_at   BIGINT
);
