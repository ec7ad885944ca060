import { AppError } from '../../../shared/contract/result.js';
import { Store } from '../store/store.js';
import { describeDatabaseUrl } from './database-url.js';

/** What a counter's own file still has to send: it cannot be left behind by a switch. */
export type UnsentWork = { executions: number; cancellations: number; scans: number };

export async function unsentWork(store: Store): Promise<UnsentWork> {
  return {
    executions: (await store.outbox.counts()).PENDING,
    cancellations: (await store.cancellations.pending()).length,
    scans: (await store.scor.count('PENDING')) + (await store.scor.count('TO_SCAN')),
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** « … 2 exécutions, 1 annulation … » for the refusal, null when nothing waits. */
export function unsentWorkMessage(work: UnsentWork): string | null {
  const parts = [
    work.executions > 0 ? plural(work.executions, 'exécution à transmettre', 'exécutions à transmettre') : '',
    work.cancellations > 0 ? plural(work.cancellations, 'annulation à transmettre', 'annulations à transmettre') : '',
    work.scans > 0 ? plural(work.scans, 'ordonnance à numériser ou à transmettre', 'ordonnances à numériser ou à transmettre') : '',
  ].filter(Boolean);
  return parts.length === 0
    ? null
    : `Le fichier de ce poste a encore ${parts.join(', ')} : envoyez-les d’abord (Alt+R à la Facturation, numérisations dans « Transmissions »), puis recommencez.`;
}

export type SwitchingCounter = { id: string; name: string; actor: string };

/**
 * The counter's file → the pharmacy's server. Refused while the file holds unsent work (it would
 * never be read again); otherwise the server's registers go on after the file's last numbers, and
 * the switch is audited on both sides. The file then stays as this counter's archive.
 */
export async function switchToServer(file: Store, url: string, counter: SwitchingCounter): Promise<void> {
  const waiting = unsentWorkMessage(await unsentWork(file));
  if (waiting) throw new AppError('UNSENT_WORK', waiting);
  const server = await Store.openPostgres(url, counter.name);
  try {
    const last = await file.registers.lastNumbers();
    await server.transaction(async (tx) => {
      await tx.registers.continueAfter(last);
      await tx.audit.append(counter.actor, 'database.counter_joined', counter.id, {
        counter: counter.name,
        from: 'file',
        lastNumbers: last,
      });
    });
  } finally {
    await server.close();
  }
  await file.transaction((tx) =>
    tx.audit.append(counter.actor, 'database.switched', counter.id, { to: 'server', server: describeDatabaseUrl(url) }),
  );
}

/** The pharmacy's server → the counter's file again: its registers go on after the server's numbers. */
export async function switchToFile(server: Store, file: Store, counter: SwitchingCounter): Promise<void> {
  const last = await server.registers.lastNumbers();
  await file.transaction(async (tx) => {
    await tx.registers.continueAfter(last);
    await tx.audit.append(counter.actor, 'database.switched', counter.id, { to: 'file', lastNumbers: last });
  });
  await server.transaction((tx) =>
    tx.audit.append(counter.actor, 'database.counter_left', counter.id, { counter: counter.name, to: 'file' }),
  );
}
