import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { SQLITE_MIGRATIONS, type SqliteMigration } from './migrations';

export const SQLITE_FILE_NAME = 'argus.db';

export interface SqliteDatabaseOptions {
  /** How long a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
  migrations?: readonly SqliteMigration[];
}

/** One connection to the embedded database, configured and migrated on open. */
export class SqliteDatabase {
  readonly connection: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly filename: string,
    options: SqliteDatabaseOptions = {},
  ) {
    this.connection = new Database(filename);
    try {
      this.configure(options.busyTimeoutMs ?? 5000);
      applyMigrations(this.connection, options.migrations ?? SQLITE_MIGRATIONS);
    } catch (error) {
      this.connection.close();
      throw error;
    }
  }

  /** `<dataDir>/argus.db`, creating the directory when needed. */
  static openInDataDir(dataDir: string, options?: SqliteDatabaseOptions): SqliteDatabase {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteDatabase(join(dataDir, SQLITE_FILE_NAME), options);
  }

  /** A private database that vanishes on close (tests). */
  static inMemory(options?: SqliteDatabaseOptions): SqliteDatabase {
    return new SqliteDatabase(':memory:', options);
  }

  /** A prepared statement, compiled once per SQL text (the texts are constants, never values). */
  prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `work` in one transaction; not re-entrant (libsql has no nested transactions). */
  transaction<T>(work: () => T): T {
    return this.connection.transaction(work)();
  }

  /** Versions applied so far, oldest first. */
  appliedMigrations(): number[] {
    const rows = this.connection.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
    return rows.map((row) => row.version);
  }

  close(): void {
    if (this.connection.open) this.connection.close();
  }

  private configure(busyTimeoutMs: number): void {
    // WAL lets readers (API requests) proceed while the alert writer commits; NORMAL sync is
    // durable across application crashes in WAL mode and much cheaper than FULL.
    this.connection.pragma('journal_mode = WAL');
    this.connection.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    this.connection.pragma('foreign_keys = ON');
    this.connection.pragma('synchronous = NORMAL');
    // Overwritten or deleted rows (plain-text camera URLs before sealing) are zeroed in their page
    // instead of lingering in free space; FAST costs no extra I/O.
    this.connection.pragma('secure_delete = FAST');
  }

  /**
   * Copies the write-ahead log into the database file and empties it, so rows rewritten just now
   * leave no older version in `argus.db-wal` (used after sealing plain-text secrets).
   */
  checkpoint(): void {
    this.connection.pragma('wal_checkpoint(TRUNCATE)');
  }
}

/** Applies, in version order, each migration not yet recorded; each in its own transaction. */
export function applyMigrations(connection: Database.Database, migrations: readonly SqliteMigration[]): number[] {
  connection.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(
    (connection.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((row) => row.version),
  );
  const record = connection.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const newlyApplied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    connection.transaction(() => {
      connection.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    })();
    newlyApplied.push(migration.version);
  }
  return newlyApplied;
}
