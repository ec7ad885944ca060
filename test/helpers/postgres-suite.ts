import { afterAll, beforeAll } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

/**
 * One throw-away PostgreSQL cluster for a test file (started in beforeAll, removed after); each test
 * asks `suite.cluster.createDatabase()` for a fresh database of its own.
 */
export function postgresSuite(): { cluster: PostgresCluster } {
  const suite = {} as { cluster: PostgresCluster };
  beforeAll(async () => void (suite.cluster = await startPostgresCluster()), 60_000);
  afterAll(() => suite.cluster?.stop());
  return suite;
}
