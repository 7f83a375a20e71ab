-- The audit log: one row per mutating API call (POST, PUT, PATCH, DELETE under /api/v1) by a known token, the
-- dashboard's included (it calls the same API). Append-only: the triggers below refuse UPDATE and DELETE, so
-- pvdifyd itself cannot rewrite history (someone with the database file can, which is why backups matter).
-- No foreign keys: a row outlives its app and its token. Never a request body: config values, passwords and
-- token secrets travel only in bodies; route and path name keys, hostnames and ids, never values.
-- at: epoch milliseconds. route: the matched route pattern (/apps/{name}/config/{key}), null when none matched
-- (404/405). source_ip: the client as the local proxy forwards it (X-Forwarded-For from a loopback peer),
-- peer_ip: the TCP peer. detail: what the operation or handler says it did ("Set FOO", "Deploy nginx:1.27").
CREATE TABLE audit_log (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at           BIGINT  NOT NULL,
    token_id     TEXT    NOT NULL,
    token_kind   TEXT    NOT NULL,
    token_name   TEXT,
    method       TEXT    NOT NULL,
    route        TEXT,
    path         TEXT    NOT NULL,
    app          TEXT,
    operation_id INTEGER,
    detail       TEXT,
    status       INTEGER NOT NULL,
    source_ip    TEXT,
    peer_ip      TEXT,
    request_id   TEXT
);
CREATE INDEX audit_log_app ON audit_log (app, id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
