-- A deploy or preview token belongs to its app: deleting the app deletes its tokens, so a stale token can never
-- re-create an app of the same name and own it. SQLite cannot add a foreign key to a table: rebuild it.
-- Tokens of apps that are already gone are dropped (they could only ever re-create those apps).
CREATE TABLE tokens_new (
    id           TEXT    NOT NULL PRIMARY KEY,
    hash         TEXT    NOT NULL UNIQUE,
    kind         TEXT    NOT NULL,
    app          TEXT    REFERENCES apps (name) ON DELETE CASCADE,
    description  TEXT,
    created_at   BIGINT  NOT NULL,
    last_used_at BIGINT
);

INSERT INTO tokens_new (id, hash, kind, app, description, created_at, last_used_at)
SELECT id, hash, kind, app, description, created_at, last_used_at
FROM tokens
WHERE app IS NULL OR app IN (SELECT name FROM apps);

DROP TABLE tokens;

ALTER TABLE tokens_new RENAME TO tokens;

CREATE INDEX tokens_app ON tokens (app);
