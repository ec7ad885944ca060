import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorkstation } from '../../../src/main/bootstrap/start-workstation.js';
import { scrub, silentLogger } from '../../../src/main/services/logger.js';

describe('personal data stays out of logs and support bundles', () => {
  it.each(['279035121518989', '2 79 03 51 215 189 89', '1 85 07 2A 123 456 08', '185072B12345608', 'patient 2790351215189'])(
    'masks a NIR written as « %s »',
    (text) => {
      expect(scrub({ detail: text })).toEqual({ detail: '[nir masqué]' });
    },
  );

  it('keeps codes and counts', () => {
    expect(scrub({ code: 'UNAVAILABLE', attempts: 3, cip13: 'CIP' })).toEqual({ code: 'UNAVAILABLE', attempts: 3, cip13: 'CIP' });
  });

  const home = process.env.HOME;
  afterAll(() => void (process.env.HOME = home));

  it('keeps the last five support bundles, and never the user’s home in them', async () => {
    const fakeHome = mkdtempSync(join(tmpdir(), 'home-'));
    process.env.HOME = fakeHome;
    const dataDir = join(fakeHome, '.local', 'share', 'comptoir');
    const ws = await startWorkstation({ amUrl: null, amToken: null, dataDir }, 'browser', silentLogger);
    try {
      let last = '';
      for (let i = 0; i < 7; i++) {
        const bundle = await ws.dispatch('diagnostic.supportBundle', {});
        if (!bundle.ok) throw new Error(bundle.error.message);
        last = Buffer.from((bundle.value as { base64: string }).base64, 'base64').toString('utf8');
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(readdirSync(join(dataDir, 'support'))).toHaveLength(5);
      expect(last).not.toContain(fakeHome);
      expect(last).toContain('~/.local/share/comptoir');
    } finally {
      await ws.close();
    }
  });
});
