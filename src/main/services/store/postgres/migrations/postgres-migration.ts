/** A numbered migration of the pharmacy's PostgreSQL database: SQL run in one transaction. */
export type PostgresMigration = { version: number; name: string; sql: string };
