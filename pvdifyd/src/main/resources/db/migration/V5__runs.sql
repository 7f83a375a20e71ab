-- One-off runs (`pvdify run`): a row per run, numbered per app (run.1, run.2...), kept after it ends so its exit
-- code stays visible. Runs are not operations on the app's queue: a console may stay open for an hour while
-- deploys go on. command is a JSON array of words; config values are never stored here (they live in a tmpfs env
-- file while the run exists). Times are epoch milliseconds; deadline is when pvdifyd stops the run.
CREATE TABLE runs (
    app        TEXT    NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    number     INTEGER NOT NULL,
    release    INTEGER NOT NULL,
    command    TEXT    NOT NULL,
    attached   INTEGER NOT NULL,
    tty        INTEGER NOT NULL,
    state      TEXT    NOT NULL,
    exit_code  INTEGER,
    error      TEXT,
    created_by TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    started_at BIGINT,
    ended_at   BIGINT,
    deadline   BIGINT  NOT NULL,
    PRIMARY KEY (app, number)
);
CREATE INDEX runs_by_state ON runs (state);

-- Per-app settings of one-off runs. deploy_tokens: the app's deploy tokens may start runs (off by default: a CI
-- token would otherwise get a shell with every production secret).
CREATE TABLE run_settings (
    app           TEXT    NOT NULL PRIMARY KEY REFERENCES apps (name) ON DELETE CASCADE,
    deploy_tokens INTEGER NOT NULL DEFAULT 0
);
