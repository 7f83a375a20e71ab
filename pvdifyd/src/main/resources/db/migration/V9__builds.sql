-- Builds from source (a tarball upload or a git push): a row per build, numbered per app (build 1, 2...), kept
-- after it ends. The build runs as an operation (kind build) whose events are its output; once its image is built
-- the same operation records and runs the release. source_version: the pushed commit, or sha256:<hex> of the
-- uploaded tarball. image: the local tag it was built as (localhost/pvdify/APP:build-N). Times are epoch ms.
CREATE TABLE builds (
    app            TEXT    NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    number         INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    source         TEXT    NOT NULL,
    source_version TEXT,
    builder        TEXT,
    image          TEXT,
    release        INTEGER,
    operation      INTEGER,
    error          TEXT,
    created_by     TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    PRIMARY KEY (app, number)
);
CREATE INDEX builds_by_status ON builds (status);
