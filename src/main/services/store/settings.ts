import { z } from 'zod';
import { isValidFiness, isValidRpps } from '../../../shared/ids/professional.js';
import { teleserviceUrlProblem } from '../../../shared/teleservice/teleservice-url.js';
import type { Executor } from './store-engine.js';

/** Every setting, its schema and default. No secret here: the téléservice token is in the secret store. */
export const SETTINGS = {
  'pharmacy.identity': z
    .object({ finess: z.string().refine(isValidFiness), name: z.string().min(1).max(120), pharmacistRpps: z.string().refine(isValidRpps) })
    .nullable(),
  'pharmacy.address': z.string().max(200).nullable(),
  // The token lives in the secret store; `token` is read only to move an older version's out.
  // Re-validated at every read (#28.3): a restored or edited file's plain http:// address is never used.
  'teleservice.connection': z
    .object({
      url: z
        .string()
        .url()
        .refine((url) => teleserviceUrlProblem(url) === null, 'https:// obligatoire'),
      token: z.string().min(8).max(400).optional(),
    })
    .nullable(),
  'regulation.transmissionPhase': z.union([z.literal(1), z.literal(2)]),
  'reader.choice': z.object({
    mode: z.enum(['auto', 'device', 'wedge']),
    devicePath: z.string().max(400).nullable(),
    layout: z.enum(['us', 'fr']),
  }),
  'setup.completed': z.boolean(),
} as const;
export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]>;

const DEFAULTS: { [K in SettingKey]: SettingValue<K> } = {
  'pharmacy.identity': null,
  'pharmacy.address': null,
  'teleservice.connection': null,
  'regulation.transmissionPhase': 1,
  'reader.choice': { mode: 'auto', devicePath: null, layout: 'us' },
  'setup.completed': false,
};

/**
 * Settings each counter has for itself, even on the pharmacy's shared database: whether its first
 * start is done, and which e-reader is plugged into it. Kept under « key@counter-id ».
 */
const PER_COUNTER = new Set<SettingKey>(['setup.completed', 'reader.choice']);

/**
 * The settings: the pharmacy's, and this counter's own (PER_COUNTER) when the store knows which
 * counter it serves. A counter's own file written before settings were per counter holds them
 * under their plain key: read there as this counter's (the file had no other counter).
 */
export class SettingsRepository {
  constructor(
    private readonly ex: Executor,
    private readonly counterId: string | null = null,
    private readonly legacyPlainKeys = false,
  ) {}

  private storedKey(key: SettingKey): string {
    return PER_COUNTER.has(key) && this.counterId ? `${key}@${this.counterId}` : key;
  }

  private async row(key: string): Promise<{ value_json: string } | undefined> {
    return this.ex.selectFrom('settings').select('value_json').where('key', '=', key).executeTakeFirst();
  }

  /** A value stored but refused by its schema (an edited or restored file): read as its default, and said. */
  async refused(key: SettingKey): Promise<boolean> {
    const row = await this.row(this.storedKey(key));
    if (!row) return false;
    const value = JSON.parse(row.value_json) as unknown;
    return value !== null && !SETTINGS[key].safeParse(value).success;
  }

  async get<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
    const stored = this.storedKey(key);
    const row = (await this.row(stored)) ?? (stored !== key && this.legacyPlainKeys ? await this.row(key) : undefined);
    if (!row) return DEFAULTS[key];
    const parsed = SETTINGS[key].safeParse(JSON.parse(row.value_json));
    return (parsed.success ? parsed.data : DEFAULTS[key]) as SettingValue<K>;
  }

  async set<K extends SettingKey>(key: K, value: SettingValue<K>, now = new Date().toISOString()): Promise<void> {
    const value_json = JSON.stringify(SETTINGS[key].parse(value));
    await this.ex
      .insertInto('settings')
      .values({ key: this.storedKey(key), value_json, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value_json, updated_at: now }))
      .execute();
  }
}
