-- Scheduled jobs (issue 18): per app, numbered (runs log as cron.<number>), unique by name. source is 'app.json'
-- (replaced on every deploy by the image's app.json) or 'cli' (cron:add, kept until cron:remove).
CREATE TABLE cron_jobs (
    app        TEXT    NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    number     INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    schedule   TEXT    NOT NULL,
    command    TEXT    NOT NULL,
    policy     TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (app, number),
    UNIQUE (app, name)
);

-- The app.json read from a release's image at deploy time (normalized JSON; null = none in the image).
ALTER TABLE releases ADD COLUMN app_json TEXT;
