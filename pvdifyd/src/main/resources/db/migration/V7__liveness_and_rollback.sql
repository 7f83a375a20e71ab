-- Liveness of running web dynos and automatic rollback (all optional; null = the default): liveness on/off,
-- seconds between probes, failed probes in a row before a dyno is taken out and restarted; auto rollback on/off and
-- its settling window (seconds after a release became current). became_current_at: when a release became current
-- (milliseconds), the start of its settling window.
ALTER TABLE apps ADD COLUMN hc_liveness INTEGER;
ALTER TABLE apps ADD COLUMN hc_liveness_interval INTEGER;
ALTER TABLE apps ADD COLUMN hc_liveness_threshold INTEGER;
ALTER TABLE apps ADD COLUMN auto_rollback INTEGER;
ALTER TABLE apps ADD COLUMN rollback_window INTEGER;
ALTER TABLE releases ADD COLUMN became_current_at BIGINT;
