import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Open the head-end's embedded database: a file in the data folder (WAL mode, so readers never
 * block the writer and a crash loses nothing committed), or `:memory:` for tests. Pending
 * migrations run before it is returned.
 */
export function openDatabase(location: { readonly dataDir: string } | 'memory'): Db {
  let db: Db;
  if (location === 'memory') {
    db = new Database(':memory:');
  } else {
    const file = join(location.dataDir, 'head-end.sqlite');
    mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    // FULL: every commit is on disk before the caller hears "acknowledged" (survives SIGKILL and power loss).
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  migrate(db);
  cacheStatements(db);
  return db;
}

/**
 * Compile each SQL text once. Preparing on every call was 12% of the head-end's time under the
 * end-to-end benchmark's load (CPU profile). Sharing statements is safe here: every SQL text is a
 * constant, and no caller iterates a statement or changes its mode (pluck, raw, expand).
 */
function cacheStatements(db: Db): void {
  const cache = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}

function migrate(db: Db): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set((db.prepare('SELECT id FROM schema_migrations').all() as { id: number }[]).map((r) => r.id));
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(
        migration.id,
        migration.name,
        Date.now(),
      );
    })();
  }
}
