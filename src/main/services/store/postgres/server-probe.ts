import pg from 'pg';
import { LOCK_STALE_MS } from '../prescription-locks.js';
import { poolConfig, type ServerTarget } from './server-address.js';

/** One short connection to a PostgreSQL server, closed whatever happens (its errors are the caller's). */
async function withClient<T>(target: string | ServerTarget, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...poolConfig(target), connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await use(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** « Tester » in Configuration › Base de données: the server answers, and says its version. */
export async function serverVersion(target: string | ServerTarget): Promise<string> {
  return withClient(target, async (client) => {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return `PostgreSQL ${rows[0]?.v ?? '?'}`;
  });
}

/**
 * Before a restore: the counters working on this database (connected — each names itself
 * « comptoir <poste> » — or with prescriptions open by the server's clock), and how many tables it holds.
 */
export async function serverActivity(target: string | ServerTarget): Promise<{ counters: string[]; tables: number }> {
  return withClient(target, async (client) => {
    const connected = await client.query<{ name: string }>(
      "SELECT DISTINCT substr(application_name, 10) AS name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'comptoir %' AND pid <> pg_backend_pid()",
    );
    const locks = (await client.query<{ t: string | null }>("SELECT to_regclass('prescription_locks')::text AS t")).rows[0]?.t;
    const open = locks
      ? await client.query<{ name: string }>(
          `SELECT DISTINCT workstation AS name FROM prescription_locks WHERE heartbeat_at >= to_char((clock_timestamp() - make_interval(secs => $1)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
          [LOCK_STALE_MS / 1000],
        )
      : { rows: [] };
    const tables = Number(
      (await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0]?.n ?? 0,
    );
    return { counters: [...new Set([...connected.rows, ...open.rows].map((r) => r.name))], tables };
  });
}
