import { z } from 'zod';
import { isValidFiness, isValidRpps } from '../../../shared/ids/professional.js';
import type { StoreDb } from './store-database.js';

/** Every setting, its schema and default. No secret here: the téléservice token is in the secret store. */
export const SETTINGS = {
  'pharmacy.identity': z.object({ finess: z.string().refine(isValidFiness), name: z.string().min(1).max(120), pharmacistRpps: z.string().refine(isValidRpps) }).nullable(),
  // The token lives in the secret store; `token` is read only to move an older version's out.
  'teleservice.connection': z.object({ url: z.string().url(), token: z.string().min(8).max(400).optional() }).nullable(),
  'regulation.transmissionPhase': z.union([z.literal(1), z.literal(2)]),
  'reader.choice': z.object({ mode: z.enum(['auto', 'device', 'wedge']), devicePath: z.string().max(400).nullable(), layout: z.enum(['us', 'fr']) }),
  'setup.completed': z.boolean(),
} as const;
export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]>;

const DEFAULTS: { [K in SettingKey]: SettingValue<K> } = {
  'pharmacy.identity': null,
  'teleservice.connection': null,
  'regulation.transmissionPhase': 2,
  'reader.choice': { mode: 'auto', devicePath: null, layout: 'us' },
  'setup.completed': false,
};

export class SettingsRepository {
  constructor(private readonly db: StoreDb) {}

  get<K extends SettingKey>(key: K): SettingValue<K> {
    const row = this.db.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?').get(key);
    if (!row) return DEFAULTS[key];
    const parsed = SETTINGS[key].safeParse(JSON.parse(row.value_json));
    return (parsed.success ? parsed.data : DEFAULTS[key]) as SettingValue<K>;
  }

  set<K extends SettingKey>(key: K, value: SettingValue<K>, now = new Date().toISOString()): void {
    const parsed = SETTINGS[key].parse(value);
    this.db.prepare('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at').run(key, JSON.stringify(parsed), now);
  }
}
