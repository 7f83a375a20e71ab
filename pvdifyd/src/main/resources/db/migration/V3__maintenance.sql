-- Maintenance mode: a row = the app's hosts answer a 503 page with this message (null = the default text) and
-- Retry-After (null = none) while its dynos keep running. No row = it serves normally.
CREATE TABLE maintenance (
    app         TEXT    NOT NULL PRIMARY KEY REFERENCES apps (name) ON DELETE CASCADE,
    message     TEXT,
    retry_after INTEGER,
    changed_by  TEXT    NOT NULL,
    changed_at  BIGINT  NOT NULL
);
