import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isValidPrescriptionId, makePrescriptionId } from '../shared/ids/prescription-id.js';
import { isValidNir } from '../shared/ids/nir.js';
import { isValidRpps } from '../shared/ids/professional.js';
import { canonicalJson } from '../shared/teleservice/canonical-json.js';
import { executionBodySchema, type ExecutionBody, type Prescription } from '../shared/teleservice/schemas.js';
import { sameSecret } from './http-kit.js';
import { receiptKey, writeTransaction, type AmDatabase } from './am-database.js';
import { AmStore, executionFacts, type ExecutionRow, type PrescriptionRow } from './am-store.js';
import { APCV_TTL_MS, apcvPayload, randomCrockford } from './apcv.js';
import { publicActor, type Actor, type Pharmacy, type Prescriber } from './actors.js';
import { parisInstant, type MockClock } from './clock.js';
import { errors } from './errors.js';
import { checkDeviations, checkLines, checkQuantities, checkRenewal } from './execution-checks.js';
import { addMonths, createPrescriptionSchema, prescriptionProblems } from './prescription-input.js';
import { isFullyServed, toResource, type StoredPrescription } from './prescription-state.js';
import { ScorDocuments } from './scor-documents.js';
import { ClaimsService } from './claims/claims-service.js';
import { parseOr422 } from './validation.js';

export type Reply = { status: number; body?: unknown };

/** The téléservice's operations, one method per endpoint; HTTP is the router's business. */
export class AmService {
  readonly store: AmStore;
  readonly scor: ScorDocuments;
  readonly claims: ClaimsService;
  private readonly key: Buffer;

  constructor(
    readonly db: AmDatabase,
    readonly clock: MockClock,
    readonly leaseTtlMs: number,
  ) {
    this.store = new AmStore(db);
    this.scor = new ScorDocuments(db, clock);
    this.claims = new ClaimsService(db, clock);
    this.key = receiptKey(db);
  }

  authenticate(token: string | null): Actor {
    const actor = token ? this.store.actorByToken(token) : null;
    if (!actor) throw errors.unauthenticated();
    return actor;
  }

  me(actor: Actor): Reply {
    return { status: 200, body: publicActor(actor) };
  }

  createPrescription(actor: Actor, input: unknown): Reply {
    const prescriber = requireKind(actor, 'prescriber');
    const body = parseOr422(createPrescriptionSchema, input, prescriptionProblems);
    const issuedAt = body.issuedAt ?? this.clock.today();
    const stored: StoredPrescription = {
      id: this.drawId(),
      qrPayload: '',
      issuedAt,
      validUntil: body.validUntil ?? addMonths(issuedAt, 3),
      kind: body.kind,
      prescriber: { rpps: prescriber.rpps, name: prescriber.name, amNumber: prescriber.amNumber },
      patient: body.patient,
      patientOpposesPrescriberAccess: body.patientOpposesPrescriberAccess,
      lines: body.lines.map((l, i) => ({ ...l, lineId: l.lineId ?? `L${i + 1}` })),
      notes: body.notes,
    };
    stored.qrPayload = stored.id;
    writeTransaction(this.db, () => this.store.insertPrescription(stored, null));
    return { status: 201, body: this.resource(stored.id) };
  }

  getPrescription(actor: Actor, id: string): Reply {
    const row = this.existing(id);
    const allowed =
      actor.kind === 'pharmacy' ||
      (actor.kind === 'prescriber' && actor.rpps === row.prescriberRpps) ||
      (actor.kind === 'patient' && actor.nir === row.patientNir);
    if (!allowed) throw errors.forbidden();
    const resource = this.resource(id);
    if (resource.status === 'CANCELLED') throw errors.cancelled(id, row.cancelledAt);
    return { status: 200, body: resource };
  }

  takeLease(actor: Actor, id: string): Reply {
    const pharmacy = requireKind(actor, 'pharmacy');
    return writeTransaction(this.db, () => {
      const row = this.existing(id);
      const resource = this.resource(id);
      if (resource.status === 'CANCELLED') throw errors.cancelled(id, row.cancelledAt);
      if (resource.status === 'DISPENSED') throw errors.alreadyDispensed({ id });
      if (resource.status === 'EXPIRED') throw errors.expired(id, resource.validUntil);
      const now = this.clock.now();
      const expiresAtMs = now.getTime() + this.leaseTtlMs;
      const current = this.liveLease(id);
      if (current && current.finess !== pharmacy.finess) throw errors.locked(current.since, parisInstant(new Date(current.expiresAtMs)));
      if (current) {
        this.store.putLease(id, { ...current, expiresAtMs });
        return { status: 200, body: { leaseToken: current.token, expiresAt: parisInstant(new Date(expiresAtMs)) } };
      }
      const lease = { finess: pharmacy.finess, token: randomBytes(24).toString('base64url'), since: parisInstant(now), expiresAtMs };
      this.store.putLease(id, lease);
      return { status: 201, body: { leaseToken: lease.token, expiresAt: parisInstant(new Date(expiresAtMs)) } };
    });
  }

  releaseLease(actor: Actor, id: string, leaseToken: string | null): Reply {
    const pharmacy = requireKind(actor, 'pharmacy');
    return writeTransaction(this.db, () => {
      this.existing(id);
      const current = this.liveLease(id);
      if (!current || current.finess !== pharmacy.finess || !sameSecret(current.token, leaseToken)) throw errors.leaseInvalid();
      this.store.deleteLease(id);
      return { status: 204 };
    });
  }

  executePrescription(actor: Actor, id: string, leaseToken: string | null, input: unknown): Reply {
    const pharmacy = requireKind(actor, 'pharmacy');
    return writeTransaction(this.db, () => {
      const row = this.existing(id);
      const replay = this.replayOf(pharmacy, id, input);
      if (replay) return replay;
      const body = parseOr422(executionBodySchema, input, (b) => executionIdentityProblems(b, pharmacy));
      if (this.resource(id).status === 'CANCELLED') throw errors.cancelled(id, row.cancelledAt);
      if (leaseToken === null) throw errors.leaseRequired();
      const lease = this.liveLease(id);
      if (!lease || lease.finess !== pharmacy.finess || !sameSecret(lease.token, leaseToken)) throw errors.leaseInvalid();
      this.checkExecution(row, body);
      const accepted = this.storeExecution(pharmacy, id, body, input);
      if (isFullyServed(row.stored, this.facts(id))) this.store.deleteLease(id);
      return { status: 201, body: accepted };
    });
  }

  listExecutions(actor: Actor, id: string): Reply {
    const row = this.existing(id);
    const executions = this.store.executions(id);
    if (actor.kind === 'prescriber') {
      if (actor.rpps !== row.prescriberRpps) throw errors.forbidden();
      if (row.stored.patientOpposesPrescriberAccess) throw errors.patientOpposition();
    } else if (actor.kind !== 'pharmacy' || !executions.some((e) => e.finess === actor.finess)) {
      throw errors.forbidden();
    }
    return { status: 200, body: { executions: executions.filter((e) => e.finess !== null).map(executionView) } };
  }

  cancelExecution(actor: Actor, executionId: string, input: unknown): Reply {
    const pharmacy = requireKind(actor, 'pharmacy');
    const { reason } = parseOr422(z.object({ reason: z.string().trim().min(1).max(500) }), input);
    return writeTransaction(this.db, () => {
      const execution = this.store.execution(executionId);
      if (!execution || execution.finess === null) throw errors.executionNotFound();
      if (execution.finess !== pharmacy.finess) throw errors.forbidden();
      this.store.cancelExecution(executionId, parisInstant(this.clock.now()), reason);
      return { status: 200, body: executionView(this.store.execution(executionId) ?? execution) };
    });
  }

  cancelPrescription(actor: Actor, id: string): Reply {
    const prescriber = requireKind(actor, 'prescriber');
    return writeTransaction(this.db, () => {
      const row = this.existing(id);
      if (row.prescriberRpps !== prescriber.rpps) throw errors.forbidden();
      if (this.resource(id).status === 'DISPENSED') throw errors.alreadyDispensed({ id });
      this.store.cancelPrescription(id, parisInstant(this.clock.now()));
      this.store.deleteLease(id);
      return { status: 200, body: this.resource(id) };
    });
  }

  patientPrescriptions(actor: Actor, nir: string): Reply {
    if (actor.kind !== 'patient' || actor.nir !== nir) throw errors.forbidden();
    return { status: 200, body: { prescriptions: this.store.prescriptionIdsOfPatient(nir).map((id) => this.resource(id)) } };
  }

  createApcvSession(actor: Actor): Reply {
    const patient = requireKind(actor, 'patient');
    const nonce = randomCrockford(26);
    const expiresAtMs = this.clock.now().getTime() + APCV_TTL_MS;
    writeTransaction(this.db, () => this.store.putApcvSession(nonce, patient.nir, expiresAtMs));
    return { status: 201, body: { qrPayload: apcvPayload(nonce, expiresAtMs), expiresAt: parisInstant(new Date(expiresAtMs)) } };
  }

  redeemApcv(actor: Actor, nonce: string): Reply {
    requireKind(actor, 'pharmacy');
    return writeTransaction(this.db, () => {
      const session = /^[0-9A-Z]{26}$/.test(nonce) ? this.store.apcvSession(nonce) : null;
      if (!session) throw errors.apcvUnknown();
      if (session.usedAt !== null) throw errors.apcvUsed();
      if (session.expiresAtMs <= this.clock.now().getTime()) throw errors.apcvExpired();
      this.store.markApcvUsed(nonce, parisInstant(this.clock.now()));
      return { status: 200, body: this.beneficiary(session.nir) };
    });
  }

  /** The prescription resource as of now (status and dispensings derived). */
  resource(id: string): Prescription {
    const row = this.existing(id);
    return toResource(row.stored, this.facts(id), {
      cancelled: row.cancelledAt !== null,
      statusOverride: row.statusOverride,
      today: this.clock.today(),
    });
  }

  private facts(id: string) {
    return this.store.executions(id).map(executionFacts);
  }

  private existing(id: string): PrescriptionRow {
    if (!isValidPrescriptionId(id)) throw errors.invalidId();
    const row = this.store.prescription(id);
    if (!row) throw errors.notFound();
    return row;
  }

  private liveLease(id: string) {
    const lease = this.store.lease(id);
    return lease && lease.expiresAtMs > this.clock.now().getTime() ? lease : null;
  }

  private drawId(): string {
    for (;;) {
      const id = makePrescriptionId(randomCrockford(15));
      if (!this.store.prescription(id)) return id;
    }
  }

  /** Idempotency: the same executionId with the same body gets the first receipt, whatever since. */
  private replayOf(pharmacy: Pharmacy, id: string, input: unknown): Reply | null {
    const executionId = typeof input === 'object' && input !== null ? (input as { executionId?: unknown }).executionId : undefined;
    if (typeof executionId !== 'string') return null;
    const previous = this.store.execution(executionId);
    if (!previous) return null;
    const same = previous.prescriptionId === id && previous.finess === pharmacy.finess && previous.requestJson === canonicalJson(input);
    if (!same) throw errors.idempotencyConflict();
    return { status: 200, body: accepted(previous) };
  }

  private checkExecution(row: PrescriptionRow, body: ExecutionBody): void {
    const facts = this.facts(row.stored.id);
    checkLines(row.stored, body);
    if (body.renewalNumber === 0 && this.clock.today() > row.stored.validUntil) throw errors.expired(row.stored.id, row.stored.validUntil);
    checkRenewal(row.stored, body);
    if (body.patient.nir !== row.patientNir && !body.patient.override?.reason) throw errors.patientMismatch();
    checkDeviations(row.stored, body, facts);
    checkQuantities(row.stored, body, facts);
  }

  private storeExecution(pharmacy: Pharmacy, id: string, body: ExecutionBody, input: unknown) {
    const receivedAt = parisInstant(this.clock.now());
    const stored = { ...body, prescriptionId: id, pharmacy: { finess: pharmacy.finess, name: pharmacy.name }, receivedAt };
    const canonical = canonicalJson(stored);
    const sha256 = createHash('sha256').update(canonical).digest('hex');
    const signature = createHmac('sha256', this.key).update(canonical).digest('hex');
    this.store.insertExecution({
      executionId: body.executionId,
      prescriptionId: id,
      finess: pharmacy.finess,
      requestJson: canonicalJson(input),
      stored,
      receivedAt,
      sha256,
      signature,
    });
    return { executionId: body.executionId, receipt: { receivedAt, sha256, signature } };
  }

  private beneficiary(nir: string) {
    const patient = this.store.actors().find((a) => a.kind === 'patient' && a.nir === nir);
    const latest = this.store.prescriptionIdsOfPatient(nir)[0];
    const fromPrescription = latest ? this.store.prescription(latest)?.stored.patient : undefined;
    const fromActor = patient?.kind === 'patient' ? patient : undefined;
    const insured = this.claims.files.beneficiary(nir);
    return {
      nir,
      lastName: fromActor?.lastName ?? fromPrescription?.lastName ?? '',
      firstName: fromActor?.firstName ?? fromPrescription?.firstName ?? '',
      birthDate: fromActor?.birthDate ?? fromPrescription?.birthDate ?? '',
      sex: fromActor?.sex ?? fromPrescription?.sex ?? '',
      // claims.md: the organisme the FSE will be sent to, from the caisse's file (null when unknown).
      regime: insured?.regime ?? null,
      caisse: insured?.caisse ?? null,
      centre: insured?.centre ?? null,
    };
  }

  /** Seeds a past dispensing (demo data): recorded as an execution of no pharmacy. */
  seedDispensing(prescriptionId: string, renewalNumber: number, lines: { lineId: string; status: string; packs: number }[]): void {
    const request = { renewalNumber, lines };
    this.store.insertExecution({
      executionId: randomUUID(),
      prescriptionId,
      finess: null,
      requestJson: canonicalJson(request),
      stored: request,
      receivedAt: parisInstant(this.clock.now()),
      sha256: '',
      signature: '',
    });
  }
}

function requireKind<K extends Actor['kind']>(actor: Actor, kind: K): Extract<Actor, { kind: K }> {
  if (actor.kind !== kind) throw errors.forbidden();
  return actor as Extract<Actor, { kind: K }>;
}

/** The patient's NIR key always; the pharmacist's RPPS key unless it is the one the pharmacy declared. */
function executionIdentityProblems(body: ExecutionBody, pharmacy: Pharmacy) {
  const problems = [];
  if (!isValidNir(body.patient.nir)) problems.push({ field: 'patient.nir', message: 'NIR invalide (clé incorrecte)' });
  if (!isValidRpps(body.pharmacistRpps) && body.pharmacistRpps !== pharmacy.pharmacistRpps)
    problems.push({ field: 'pharmacistRpps', message: 'RPPS invalide' });
  return problems;
}

function accepted(row: ExecutionRow) {
  return { executionId: row.executionId, receipt: { receivedAt: row.receivedAt, sha256: row.sha256, signature: row.signature } };
}

function executionView(row: ExecutionRow) {
  return {
    ...row.stored,
    receipt: { receivedAt: row.receivedAt, sha256: row.sha256, signature: row.signature },
    cancelled: row.cancelledAt !== null,
    ...(row.cancelledAt !== null ? { cancelledAt: row.cancelledAt, cancelReason: row.cancelReason } : {}),
  };
}

export type { Prescriber };
