-- The deploy health check's further settings (all optional; null = the default): expected status ("200-399"),
-- body text, Host header, initial delay and overall deploy timeout (seconds).
ALTER TABLE apps ADD COLUMN hc_status TEXT;
ALTER TABLE apps ADD COLUMN hc_body TEXT;
ALTER TABLE apps ADD COLUMN hc_host TEXT;
ALTER TABLE apps ADD COLUMN hc_initial_delay INTEGER;
ALTER TABLE apps ADD COLUMN hc_deploy_timeout INTEGER;
