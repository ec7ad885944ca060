/**
 * Which SQLite migration matches which PostgreSQL one. PostgreSQL's schema started at SQLite's 9th
 * (its first migration is the whole schema of that day); each later change is made on both engines,
 * in the same order, or on one only for a reason written here. `test/unit/store/engine-schemas.test.ts`
 * checks every migration of both lists appears here once, in order.
 */
export const MIGRATION_PAIRS: { sqlite: number[]; postgres: number[]; what: string }[] = [
  { sqlite: [1, 2, 3, 4, 5, 6, 7, 8, 9], postgres: [1], what: 'the schema up to the outbox order (PostgreSQL starts from it whole)' },
  { sqlite: [10], postgres: [2], what: 'prescriptions open at a counter' },
  { sqlite: [11], postgres: [3], what: 'credit notes (avoirs)' },
  { sqlite: [12], postgres: [4], what: 'addresses of patients and prescribers' },
  { sqlite: [13], postgres: [5], what: 'ordonnancier corrections' },
  { sqlite: [14], postgres: [6], what: 'counters and their locks by id' },
  { sqlite: [15], postgres: [7], what: 'one dispensing per renewal and part' },
  { sqlite: [], postgres: [8], what: 'registers refuse TRUNCATE, trigram index without pending list (SQLite has neither)' },
  { sqlite: [16], postgres: [9], what: 'the national catalogue' },
  { sqlite: [], postgres: [10], what: 'the patient search walks an index carrying its words (SQLite searches with FTS5)' },
  { sqlite: [17], postgres: [11], what: 'each dispensing keeps its bill' },
  { sqlite: [18], postgres: [12], what: 'claims: FSE, lots, mailbox; the patient’s organisme' },
];
