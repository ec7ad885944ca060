import { createHash } from 'node:crypto';
import { lotSchema, type Lot, type RspMessage } from '../../shared/claims/claims-schemas.js';
import { addBusinessDays } from '../../shared/rules/business-days.js';
import { canonicalJson } from '../../shared/teleservice/canonical-json.js';
import { isoDate } from '../../shared/teleservice/schemas.js';
import type { Actor, Pharmacy } from '../actors.js';
import { writeTransaction, type AmDatabase } from '../am-database.js';
import type { Reply } from '../am-service.js';
import { parisDate, parisInstant, parisMidnight, type MockClock } from '../clock.js';
import { errors } from '../errors.js';
import { ApiError } from '../http-kit.js';
import { zodProblems } from '../validation.js';
import { arlReasons } from './arl-checks.js';
import { z } from 'zod';
import { beneficiarySchema, CaisseFiles, organismeOf } from './beneficiaries.js';
import { CaisseMailbox } from './caisse-mailbox.js';
import { ClaimsRules, claimsRulesSchema } from './claims-rules-store.js';

/** The lots route takes bodies up to 2 MiB (claims.md). */
export const LOT_MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAILBOX_DEFAULT_LIMIT = 500;
const MAILBOX_MAX_LIMIT = 1000;

type LotRow = {
  lot_id: string;
  finess: string;
  lot_number: number;
  request_sha256: string;
  received_at: string;
  arl: string;
  fse_count: number;
  answer_json: string;
};

/** S1–S4 (claims.md): the caisse's side of the claims, as a pharmacy's token reaches it under `/sv/v1`. */
export class ClaimsService {
  readonly rules: ClaimsRules;
  readonly files: CaisseFiles;
  readonly mailbox: CaisseMailbox;

  constructor(
    private readonly db: AmDatabase,
    private readonly clock: MockClock,
  ) {
    this.rules = new ClaimsRules(db);
    this.files = new CaisseFiles(db);
    this.mailbox = new CaisseMailbox(db, this.rules);
  }

  /** S1: shapes checked here, business answered later by ARL and RSP; a replay answers the first time. */
  submitLot(actor: Actor, input: unknown): Reply {
    const pharmacy = pharmacyOnly(actor);
    const parsed = lotSchema.safeParse(input);
    const sha256 = createHash('sha256').update(canonicalJson(input)).digest('hex');
    return writeTransaction(this.db, () => {
      const lotId = typeof input === 'object' && input !== null && 'lotId' in input ? (input as { lotId: unknown }).lotId : null;
      const previous = typeof lotId === 'string' ? this.lotRow(lotId) : undefined;
      if (previous) {
        if (previous.finess !== pharmacy.finess || previous.request_sha256 !== sha256) throw idempotencyConflict();
        return { status: 200, body: JSON.parse(previous.answer_json) as unknown };
      }
      if (!parsed.success)
        throw new ApiError(400, 'VALIDATION_ERROR', 'La requête contient des champs invalides.', { fields: zodProblems(parsed.error) });
      return { status: 202, body: this.receive(pharmacy, parsed.data, sha256) };
    });
  }

  /** S2: this pharmacy's available messages after the cursor; an empty page gives back `after`. */
  readMailbox(actor: Actor, query: URLSearchParams): Reply {
    const pharmacy = pharmacyOnly(actor);
    const after = wholeNumber(query.get('after')) ?? 0;
    const limit = Math.min(Math.max(wholeNumber(query.get('limit')) ?? MAILBOX_DEFAULT_LIMIT, 1), MAILBOX_MAX_LIMIT);
    return writeTransaction(this.db, () => {
      this.mailbox.materialize(this.clock.now());
      return { status: 200, body: this.mailbox.read(pharmacy.finess, after, limit, this.clock.now()) };
    });
  }

  /** S3: the pharmacy's lots received from that day on, newest first, with their ARL. */
  listLots(actor: Actor, from: string | null): Reply {
    const pharmacy = pharmacyOnly(actor);
    const since = from !== null && isoDate.safeParse(from).success ? from : '0000-00-00';
    const rows = this.db
      .prepare<[string, string], LotRow>(
        'SELECT * FROM sv_lots WHERE finess = ? AND received_day >= ? ORDER BY received_at DESC, rowid DESC',
      )
      .all(pharmacy.finess, since);
    const lots = rows.map((r) => ({
      lotId: r.lot_id,
      lotNumber: r.lot_number,
      receivedAt: r.received_at,
      fseCount: r.fse_count,
      arl: r.arl,
    }));
    return { status: 200, body: { lots } };
  }

  /** S4: an FSE as the caisse sees it: its latest accepted lot and every answer given for its number. */
  fse(actor: Actor, fseNumber: string): Reply {
    const pharmacy = pharmacyOnly(actor);
    return writeTransaction(this.db, () => {
      this.mailbox.materialize(this.clock.now());
      const latest = /^[0-9]{9}$/.test(fseNumber)
        ? this.db
            .prepare<[string, string], { lot_id: string }>(
              'SELECT lot_id FROM sv_fses WHERE finess = ? AND fse_number = ? ORDER BY id DESC LIMIT 1',
            )
            .get(pharmacy.finess, fseNumber)
        : undefined;
      if (!latest) throw new ApiError(404, 'NOT_FOUND', 'Aucune FSE reçue ne porte ce numéro.');
      const outcomes = this.db
        .prepare<[string, string], { seq: number; json: string }>(
          "SELECT seq, json FROM sv_messages WHERE finess = ? AND fse_number = ? AND type = 'RSP' ORDER BY seq",
        )
        .all(pharmacy.finess, fseNumber)
        .map((r) => ({ ...(JSON.parse(r.json) as RspMessage), seq: r.seq }));
      return { status: 200, body: { fseNumber, lotId: latest.lot_id, outcomes } };
    });
  }

  /** `POST /_mock/sv/rules`. */
  setRules(input: unknown): Reply {
    const parsed = claimsRulesSchema.safeParse(input);
    if (!parsed.success)
      throw new ApiError(422, 'VALIDATION_ERROR', 'La requête contient des champs invalides.', { fields: zodProblems(parsed.error) });
    return { status: 200, body: writeTransaction(this.db, () => this.rules.update(parsed.data)) };
  }

  /** `POST /_mock/sv/beneficiaries` (mock-only, beyond the spec): the caisse's file corrected (rights renewed, a new AMC). */
  putBeneficiaries(input: unknown): Reply {
    const parsed = z.array(beneficiarySchema).min(1).max(1000).safeParse(input);
    if (!parsed.success)
      throw new ApiError(422, 'VALIDATION_ERROR', 'La requête contient des champs invalides.', { fields: zodProblems(parsed.error) });
    writeTransaction(this.db, () => parsed.data.forEach((b) => this.files.putBeneficiary(b)));
    return { status: 200, body: { beneficiaries: parsed.data.length } };
  }

  /** `POST /_mock/sv/liquidate`. */
  liquidate(): Reply {
    writeTransaction(this.db, () => this.mailbox.liquidate(this.clock.now()));
    return { status: 200, body: { liquidated: true } };
  }

  /** `POST /_mock/sv/release`. */
  release(): Reply {
    const released = writeTransaction(this.db, () => this.mailbox.releaseAll(this.clock.now()));
    return { status: 200, body: { released } };
  }

  /** A new lot: its ARL at once; a POSITIF lot's FSEs wait for their examination day. */
  private receive(pharmacy: Pharmacy, lot: Lot, sha256: string) {
    const now = this.clock.now();
    this.mailbox.materialize(now);
    const receivedAt = parisInstant(now);
    const today = parisDate(now);
    const reasons = arlReasons(lot, { today, beneficiary: (nir) => this.files.beneficiary(nir), forced: this.rules.takeForcedNegatif() });
    const status = reasons.length === 0 ? 'POSITIF' : 'NEGATIF';
    const answer = { lotId: lot.lotId, lotNumber: lot.lotNumber, receivedAt };
    this.db
      .prepare(
        `INSERT INTO sv_lots (lot_id, finess, lot_number, request_sha256, received_at, received_day, arl, fse_count, organisme, answer_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        lot.lotId,
        pharmacy.finess,
        lot.lotNumber,
        sha256,
        receivedAt,
        today,
        status,
        lot.fses.length,
        organismeOf(lot.destination),
        JSON.stringify(answer),
      );
    this.mailbox.append(pharmacy.finess, {
      type: 'ARL',
      availableAt: receivedAt,
      lotId: lot.lotId,
      lotNumber: lot.lotNumber,
      status,
      reasons,
    });
    if (status === 'POSITIF') this.schedule(pharmacy, lot, today, now);
    return answer;
  }

  private schedule(pharmacy: Pharmacy, lot: Lot, today: string, now: Date): void {
    const dueAtMs = Math.max(parisMidnight(addBusinessDays(today, this.rules.view().rspDelayDays)), now.getTime());
    const insertFse = this.db.prepare('INSERT INTO sv_fses (finess, fse_number, lot_id, json) VALUES (?, ?, ?, ?)');
    const insertPending = this.db.prepare("INSERT INTO sv_pending (fse_id, kind, due_at_ms) VALUES (?, 'EXAMINE', ?)");
    for (const fse of lot.fses) {
      const id = Number(insertFse.run(pharmacy.finess, fse.fseNumber, lot.lotId, JSON.stringify(fse)).lastInsertRowid);
      insertPending.run(id, dueAtMs);
    }
  }

  private lotRow(lotId: string): LotRow | undefined {
    return this.db.prepare<[string], LotRow>('SELECT * FROM sv_lots WHERE lot_id = ?').get(lotId);
  }
}

function pharmacyOnly(actor: Actor): Pharmacy {
  if (actor.kind !== 'pharmacy') throw errors.forbidden();
  return actor;
}

function idempotencyConflict(): ApiError {
  return new ApiError(409, 'IDEMPOTENCY_CONFLICT', 'Ce numéro de lot (lotId) a déjà servi pour un autre contenu.');
}

function wholeNumber(text: string | null): number | null {
  return text !== null && /^[0-9]{1,15}$/.test(text) ? Number(text) : null;
}
