import { z } from 'zod';
import type { AmDatabase } from '../am-database.js';

/** `POST /_mock/sv/rules`: what the simulated caisse does next (claims.md, mock-only). */
export const claimsRulesSchema = z
  .object({
    nextLotArl: z.enum(['NEGATIF', 'POSITIF']).optional(),
    outcomeByNir: z.record(z.string().regex(/^[0-9]{15}$/, '15 chiffres'), z.literal('TRAITEMENT_CAISSE').nullable()).optional(),
    rspDelayDays: z.number().int().min(0).max(60).optional(),
  })
  .strict();
export type ClaimsRulesInput = z.infer<typeof claimsRulesSchema>;
export type ClaimsRulesView = { nextLotArl: 'NEGATIF' | null; outcomeByNir: Record<string, 'TRAITEMENT_CAISSE'>; rspDelayDays: number };

export const DEFAULT_RSP_DELAY_DAYS = 2;

export class ClaimsRules {
  constructor(private readonly db: AmDatabase) {}

  /** Merges the given rules: a NIR mapped to null is no longer held. */
  update(input: ClaimsRulesInput): ClaimsRulesView {
    if (input.nextLotArl !== undefined) this.put('nextLotArl', input.nextLotArl === 'NEGATIF' ? 'NEGATIF' : null);
    if (input.rspDelayDays !== undefined) this.put('rspDelayDays', input.rspDelayDays);
    if (input.outcomeByNir !== undefined) {
      const held = { ...this.view().outcomeByNir };
      for (const [nir, outcome] of Object.entries(input.outcomeByNir)) {
        if (outcome === null) delete held[nir];
        else held[nir] = outcome;
      }
      this.put('outcomeByNir', held);
    }
    return this.view();
  }

  view(): ClaimsRulesView {
    return {
      nextLotArl: this.get<'NEGATIF' | null>('nextLotArl') ?? null,
      outcomeByNir: this.get<Record<string, 'TRAITEMENT_CAISSE'>>('outcomeByNir') ?? {},
      rspDelayDays: this.get<number>('rspDelayDays') ?? DEFAULT_RSP_DELAY_DAYS,
    };
  }

  heldNirs(): Set<string> {
    return new Set(Object.keys(this.view().outcomeByNir));
  }

  /** The forced NEGATIF is used by the first lot that reaches the ARL, once. */
  takeForcedNegatif(): boolean {
    if (this.view().nextLotArl !== 'NEGATIF') return false;
    this.put('nextLotArl', null);
    return true;
  }

  private get<T>(key: string): T | undefined {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM sv_rules WHERE key = ?').get(key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  private put(key: string, value: unknown): void {
    this.db.prepare('INSERT OR REPLACE INTO sv_rules (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
  }
}
