import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { paperOrdonnancePdf } from '../../main/services/pdf/paper-ordonnance-pdf.js';
import { UsageError, fail } from '../cli-kit.js';
import { LAP_DEMO_BODIES } from '../lap/demo-prescriptions.js';
import { dispensingSummary } from '../lap/dispensing-summary.js';
import { sampleCatalogue } from '../../shared/demo/sample-catalogue.js';
import { withUnitsPerPack } from '../lap/units-from-catalogue.js';
import { LapError, createPrescription, fetchExecutions, fetchPrescription, lapConnection } from '../lap/lap-client.js';

export const LAP_USAGE = 'comptoir lap create --file RX.json [--pdf OUT.pdf] | lap executions ID | lap demo [--out DOSSIER]';

/** `comptoir lap`: the prescriber's software, simulated (COMPTOIR_AM_URL, COMPTOIR_AM_TOKEN). */
export async function lapCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const conn = lapConnection();
  try {
    if (sub === 'create') return await create(conn, rest);
    if (sub === 'executions') return await executions(conn, rest);
    if (sub === 'demo') return await demo(conn, rest);
  } catch (error) {
    if (error instanceof LapError) fail(error.message, 1);
    throw error;
  }
  throw new UsageError(`Sous-commande attendue : create, executions ou demo.`);
}

async function create(conn: { url: string; token: string }, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { file: { type: 'string' }, pdf: { type: 'string' } }, strict: true });
  if (!values.file) throw new UsageError('--file RX.json est obligatoire.');
  let body: unknown;
  try {
    body = JSON.parse(readFileSync(values.file, 'utf8'));
  } catch {
    throw new UsageError(`Fichier illisible ou JSON invalide : ${values.file}`);
  }
  const prescription = await createPrescription(conn, withUnitsPerPack(body, sampleCatalogue()));
  if (values.pdf) writeFileSync(values.pdf, await paperOrdonnancePdf(prescription));
  process.stdout.write(`${JSON.stringify(prescription)}\n`);
}

async function executions(conn: { url: string; token: string }, args: string[]): Promise<void> {
  const id = args[0];
  if (!id || args.length !== 1) throw new UsageError('Indiquez le numéro de la prescription.');
  const prescription = await fetchPrescription(conn, id);
  process.stdout.write(`${JSON.stringify(dispensingSummary(prescription, await fetchExecutions(conn, id)), null, 2)}\n`);
}

async function demo(conn: { url: string; token: string }, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string', default: 'ordonnances-demo' } }, strict: true });
  mkdirSync(values.out, { recursive: true });
  for (const body of LAP_DEMO_BODIES) {
    const prescription = await createPrescription(conn, withUnitsPerPack(body, sampleCatalogue()));
    const file = join(values.out, `${prescription.id}.pdf`);
    writeFileSync(file, await paperOrdonnancePdf(prescription));
    process.stdout.write(`${JSON.stringify({ id: prescription.id, kind: prescription.kind, pdf: file })}\n`);
  }
}
