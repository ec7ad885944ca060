import type { Executor } from './store-engine.js';

/** How many « (n) » suffixes are tried before a counter gives up on a name (a pharmacy has a few counters). */
const MAX_SUFFIX = 99;

/**
 * The pharmacy's counters: each by its permanent id, with the name people read (« Poste »), unique
 * in the pharmacy — a second counter asking for a name already held by another gets « name (2) ».
 */
export class CountersRepository {
  constructor(private readonly ex: Executor) {}

  /** A counter starting: its name for this run (its own one kept when free), and when it was last seen. */
  async register(id: string, wanted: string, host: string, now = new Date().toISOString()): Promise<string> {
    // Two counters starting at once may pick the same free name: the database's uniqueness refuses one, which tries again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.registerOnce(id, wanted, host, now);
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  private async registerOnce(id: string, wanted: string, host: string, now: string): Promise<string> {
    const own = await this.ex.selectFrom('counters').select('name').where('id', '=', id).executeTakeFirst();
    const taken = new Set((await this.ex.selectFrom('counters').select('name').where('id', '!=', id).execute()).map((r) => r.name));
    const name =
      own && (own.name === wanted || own.name.startsWith(`${wanted} (`)) && !taken.has(own.name) ? own.name : freeName(wanted, taken);
    await this.ex
      .insertInto('counters')
      .values({ id, name, host, created_at: now, seen_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name, host, seen_at: now }))
      .execute();
    return name;
  }

  async nameOf(id: string): Promise<string | null> {
    return (await this.ex.selectFrom('counters').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
  }
}

function freeName(wanted: string, taken: Set<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; n <= MAX_SUFFIX; n++) if (!taken.has(`${wanted} (${n})`)) return `${wanted} (${n})`;
  return `${wanted} (${Date.now().toString(36)})`;
}
