import { NOTIFICATIONS_SCHEMA } from './notification-schema';

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

// No foreign key from faces to persons (the use cases delete a person's faces explicitly, as they
// must with MongoDB); a face's embeddings do cascade, they never exist on their own.
const PEOPLE = `
CREATE TABLE persons (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL UNIQUE,
  alert      INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX persons_name ON persons (name_key, id);
CREATE TABLE faces (
  id              TEXT PRIMARY KEY,
  person_id       TEXT NOT NULL,
  box_x           REAL NOT NULL,
  box_y           REAL NOT NULL,
  box_width       REAL NOT NULL,
  box_height      REAL NOT NULL,
  quality         REAL NOT NULL,
  image_key       TEXT NOT NULL,
  source_alert_id TEXT,
  created_at      INTEGER NOT NULL
);
CREATE INDEX faces_person ON faces (person_id, created_at, id);
-- One row per (face, model); the vector is little-endian float32. The rowid keeps the order
-- models were added in.
CREATE TABLE face_embeddings (
  face_id TEXT NOT NULL REFERENCES faces (id) ON DELETE CASCADE,
  model   TEXT NOT NULL,
  vector  BLOB NOT NULL,
  UNIQUE (face_id, model)
);
CREATE INDEX face_embeddings_model ON face_embeddings (model);
-- "Not this person" corrections: an embedding matched to a person and said to be someone else.
CREATE TABLE face_negatives (
  person_id  TEXT NOT NULL,
  model      TEXT NOT NULL,
  vector     BLOB NOT NULL,
  alert_id   TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX face_negatives_model ON face_negatives (model, created_at);
CREATE INDEX face_negatives_person ON face_negatives (person_id);
-- AUTOINCREMENT: a group's number is never given again, even after the newest group is deleted.
CREATE TABLE unknown_groups (
  number     INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT NOT NULL UNIQUE,
  face_count INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  camera_ids TEXT NOT NULL
);
CREATE INDEX unknown_groups_last_seen ON unknown_groups (last_seen DESC, number DESC);
CREATE TABLE unknown_faces (
  id         TEXT PRIMARY KEY,
  group_id   TEXT NOT NULL,
  camera_id  TEXT NOT NULL,
  alert_id   TEXT,
  box_x      REAL,
  box_y      REAL,
  box_width  REAL,
  box_height REAL,
  image_key  TEXT NOT NULL,
  model      TEXT NOT NULL,
  vector     BLOB NOT NULL,
  quality    REAL NOT NULL,
  seen_at    INTEGER NOT NULL
);
CREATE INDEX unknown_faces_group ON unknown_faces (group_id, seen_at DESC, id DESC);
CREATE INDEX unknown_faces_model ON unknown_faces (model);
-- The identity an alert names. recognised = 0: recognition did not run (every row from before),
-- the alert has no identity at all; 1 with a NULL person_id: an unknown face.
ALTER TABLE alerts ADD COLUMN recognised INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN person_id TEXT;
ALTER TABLE alerts ADD COLUMN person_name TEXT;
ALTER TABLE alerts ADD COLUMN person_similarity REAL;
ALTER TABLE alerts ADD COLUMN unknown_id TEXT;
CREATE INDEX alerts_person_ts ON alerts (person_id, ts DESC, id DESC) WHERE person_id IS NOT NULL;
`;

// Masks and zones of a camera (a JSON array of { name, kind, points }), what raised an alert and
// the zones it happened in (a JSON array of names). Rows from before read as no zones, faces.
const ZONES = `
ALTER TABLE cameras ADD COLUMN zones TEXT NOT NULL DEFAULT '[]';
ALTER TABLE alerts ADD COLUMN kind TEXT NOT NULL DEFAULT 'face';
ALTER TABLE alerts ADD COLUMN zones TEXT NOT NULL DEFAULT '[]';
`;

// Object labels to alert on (a JSON array), what to record (a JSON object), a second stream for
// detection, cluster placement; the label of an object alert and the alert's stored clip. Rows from
// before read as no objects, the default recording, no detection stream, no label, no clip.
const OBJECTS_RECORDING_CLUSTER = `
ALTER TABLE cameras ADD COLUMN objects TEXT NOT NULL DEFAULT '[]';
ALTER TABLE cameras ADD COLUMN recording TEXT;
ALTER TABLE cameras ADD COLUMN detect_rtsp_url TEXT;
ALTER TABLE cameras ADD COLUMN worker_label TEXT;
ALTER TABLE cameras ADD COLUMN node TEXT;
ALTER TABLE alerts ADD COLUMN label TEXT;
ALTER TABLE alerts ADD COLUMN clip_key TEXT;
`;

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  { version: 1, name: 'initial schema', sql: INITIAL_SCHEMA },
  {
    version: 2,
    name: 'users must change a generated or reset password',
    sql: 'ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;',
  },
  { version: 3, name: 'people, faces, unknown groups and the identity of alerts', sql: PEOPLE },
  { version: 4, name: 'webhooks, their delivery queue and log, and Web Push subscriptions', sql: NOTIFICATIONS_SCHEMA },
  { version: 5, name: 'camera masks and zones, alert kinds and zones', sql: ZONES },
  { version: 6, name: 'camera objects, recording, detection stream and placement; alert labels and clips', sql: OBJECTS_RECORDING_CLUSTER },
];
