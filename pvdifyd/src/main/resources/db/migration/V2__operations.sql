-- Operations: every change to an app, queued per app and run by the engine, outliving the client that asked.
-- No foreign key to apps: an app's delete is itself an operation, and its history outlives the app.
-- params: the kind's arguments as JSON (never a secret: config values stay encrypted in config_values).
CREATE TABLE operations (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    app         TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    params      TEXT    NOT NULL DEFAULT '{}',
    release     INTEGER,
    error       TEXT,
    error_code  INTEGER,
    cancel_by   TEXT,
    created_at  BIGINT  NOT NULL,
    started_at  BIGINT,
    ended_at    BIGINT
);
CREATE INDEX operations_app ON operations (app, id);
CREATE INDEX operations_state ON operations (state);

-- An operation's events in the order they happened (seq from 1: the SSE id).
CREATE TABLE operation_events (
    operation INTEGER NOT NULL REFERENCES operations (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    at        BIGINT  NOT NULL,
    stage     TEXT    NOT NULL,
    message   TEXT    NOT NULL,
    PRIMARY KEY (operation, seq)
);
