/** Webhooks with their durable delivery queue and log, and Web Push subscriptions. */
export const NOTIFICATIONS_SCHEMA = `
-- secret: sealed (enc:v1:...) with the credential key; filters: JSON lists.
CREATE TABLE webhooks (
  id           TEXT PRIMARY KEY,
  owner_id     TEXT NOT NULL,
  url          TEXT NOT NULL,
  secret       TEXT,
  camera_ids   TEXT NOT NULL,
  person_ids   TEXT NOT NULL,
  unknown_only INTEGER NOT NULL,
  kinds        TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX webhooks_owner ON webhooks (owner_id, created_at, id);
CREATE TABLE webhook_jobs (
  id              TEXT PRIMARY KEY,
  webhook_id      TEXT NOT NULL,
  alert_id        TEXT,
  body            TEXT NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  created_at      INTEGER NOT NULL
);
CREATE INDEX webhook_jobs_due ON webhook_jobs (next_attempt_at, created_at, id);
CREATE INDEX webhook_jobs_webhook ON webhook_jobs (webhook_id);
CREATE TABLE webhook_attempts (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT NOT NULL UNIQUE,
  webhook_id  TEXT NOT NULL,
  alert_id    TEXT,
  test        INTEGER NOT NULL,
  attempt     INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  ok          INTEGER NOT NULL,
  status      INTEGER,
  error       TEXT,
  duration_ms INTEGER NOT NULL,
  will_retry  INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_webhook ON webhook_attempts (webhook_id, seq DESC);
CREATE TABLE push_subscriptions (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL,
  endpoint     TEXT NOT NULL UNIQUE,
  p256dh       TEXT NOT NULL,
  auth         TEXT NOT NULL,
  camera_ids   TEXT NOT NULL,
  person_ids   TEXT NOT NULL,
  unknown_only INTEGER NOT NULL,
  kinds        TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id, created_at, id);
`;
