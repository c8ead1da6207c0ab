/**
 * Schema history of the embedded database. Append only: a released migration is never edited,
 * a change is a new entry with the next version.
 */
export interface SqliteMigration {
  version: number;
  name: string;
  sql: string;
}

const INITIAL_SCHEMA = `
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL,
  username_key  TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX users_created ON users (created_at, id);

-- No foreign key from cameras/viewers to users: the use cases remove a user's cameras and
-- viewer entries explicitly (listOwnedBy, removeViewerEverywhere), as they must with MongoDB.
CREATE TABLE cameras (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  location          TEXT NOT NULL,
  rtsp_url          TEXT NOT NULL,
  enabled           INTEGER NOT NULL,
  detection_enabled INTEGER NOT NULL,
  fps               REAL NOT NULL,
  status            TEXT NOT NULL,
  last_error        TEXT,
  owner_id          TEXT NOT NULL,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX cameras_created ON cameras (created_at, id);
CREATE INDEX cameras_owner ON cameras (owner_id);

-- position keeps the viewers list in the order it was given.
CREATE TABLE camera_viewers (
  camera_id TEXT NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
  user_id   TEXT NOT NULL,
  position  INTEGER NOT NULL,
  PRIMARY KEY (camera_id, user_id)
) WITHOUT ROWID;
CREATE INDEX camera_viewers_user ON camera_viewers (user_id);

CREATE TABLE alerts (
  id           TEXT PRIMARY KEY,
  camera_id    TEXT NOT NULL,
  ts           INTEGER NOT NULL,
  bbox_x       REAL NOT NULL,
  bbox_y       REAL NOT NULL,
  bbox_width   REAL NOT NULL,
  bbox_height  REAL NOT NULL,
  snapshot_url TEXT,
  snapshot_key TEXT,
  meta         TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX alerts_camera_ts ON alerts (camera_id, ts DESC, id DESC);
CREATE INDEX alerts_ts ON alerts (ts DESC, id DESC);

-- COUNT(*) over a million alerts costs tens of milliseconds; these counters make the
-- unfiltered and per-camera totals a lookup. Time-range totals still count, within the index.
CREATE TABLE alert_counts (
  camera_id TEXT PRIMARY KEY,
  n         INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER alerts_count_insert AFTER INSERT ON alerts BEGIN
  INSERT INTO alert_counts (camera_id, n) VALUES (new.camera_id, 1)
    ON CONFLICT (camera_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER alerts_count_delete AFTER DELETE ON alerts BEGIN
  UPDATE alert_counts SET n = n - 1 WHERE camera_id = old.camera_id;
END;
CREATE TRIGGER alerts_count_move AFTER UPDATE OF camera_id ON alerts BEGIN
  UPDATE alert_counts SET n = n - 1 WHERE camera_id = old.camera_id;
  INSERT INTO alert_counts (camera_id, n) VALUES (new.camera_id, 1)
    ON CONFLICT (camera_id) DO UPDATE SET n = n + 1;
END;
`;

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  { version: 1, name: 'initial schema', sql: INITIAL_SCHEMA },
  {
    version: 2,
    name: 'users must change a generated or reset password',
    sql: 'ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;',
  },
];
