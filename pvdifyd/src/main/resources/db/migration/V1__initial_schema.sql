-- The whole desired state of Pvdify. Times are epoch milliseconds (events: microseconds, for log ordering).

CREATE TABLE apps (
    name            TEXT    NOT NULL PRIMARY KEY,
    environment     TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    bind_port       INTEGER NOT NULL DEFAULT 5000,
    memory_mb       INTEGER,
    cpu             DOUBLE,
    hc_path         TEXT,
    hc_interval     INTEGER,
    hc_timeout      INTEGER,
    hc_retries      INTEGER,
    read_only       INTEGER NOT NULL DEFAULT 0,
    current_release INTEGER,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);

CREATE TABLE config_versions (
    app        TEXT    NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (app, version)
);

-- Each config version is a full snapshot; value is Tink AEAD ciphertext bound to app + "\0" + key.
CREATE TABLE config_values (
    app     TEXT    NOT NULL,
    version INTEGER NOT NULL,
    key     TEXT    NOT NULL,
    value   BLOB    NOT NULL,
    PRIMARY KEY (app, version, key),
    FOREIGN KEY (app, version) REFERENCES config_versions (app, version) ON DELETE CASCADE
);

CREATE TABLE releases (
    app            TEXT    NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    version        INTEGER NOT NULL,
    image          TEXT,
    image_digest   TEXT,
    config_version INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    description    TEXT    NOT NULL,
    created_by     TEXT    NOT NULL,
    failure_reason TEXT,
    rollback_of    INTEGER,
    created_at     BIGINT  NOT NULL,
    PRIMARY KEY (app, version)
);

CREATE TABLE formation (
    app     TEXT    NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    type    TEXT    NOT NULL,
    count   INTEGER NOT NULL,
    command TEXT,
    PRIMARY KEY (app, type)
);

CREATE TABLE domains (
    hostname      TEXT    NOT NULL PRIMARY KEY,
    app           TEXT    NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    dns_record_id TEXT,
    proxied       INTEGER,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX domains_app ON domains (app);

-- Only the SHA-256 of a token's secret is kept.
CREATE TABLE tokens (
    id           TEXT    NOT NULL PRIMARY KEY,
    hash         TEXT    NOT NULL UNIQUE,
    kind         TEXT    NOT NULL,
    app          TEXT,
    description  TEXT,
    created_at   BIGINT  NOT NULL,
    last_used_at BIGINT 
);

-- Platform log lines (pvdify[api], pvdify[engine]) merged into an app's log.
CREATE TABLE events (
    id      INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    app     TEXT    NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    at      BIGINT  NOT NULL,
    source  TEXT    NOT NULL,
    message TEXT    NOT NULL
);
CREATE INDEX events_app ON events (app, id);

-- Logins for private registries; secret is Tink AEAD ciphertext bound to "registry" + "\0" + registry.
CREATE TABLE registry_credentials (
    registry   TEXT    NOT NULL PRIMARY KEY,
    username   TEXT    NOT NULL,
    secret     BLOB    NOT NULL,
    created_at BIGINT  NOT NULL
);
