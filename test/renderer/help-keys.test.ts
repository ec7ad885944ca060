import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP_KEYS, KEYS } from '../../src/renderer/keyboard/keymap.js';

/** Every key a screen shows beside an action: `k="…"` and `k={… ? 'F4' : 'F3'}` in the renderer's sources. */
function keysShownOnScreens(dir = 'src/renderer'): Set<string> {
  const shown = new Set<string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      for (const k of keysShownOnScreens(path)) shown.add(k);
      continue;
    }
    if (!path.endsWith('.tsx')) continue;
    const source = readFileSync(path, 'utf8');
    for (const m of source.matchAll(/\bk=(?:"([^"]+)"|\{([^}]+)\})/g)) {
      if (m[1]) shown.add(m[1]);
      for (const literal of (m[2] ?? '').matchAll(/[?:]\s*'([^']+)'/g)) shown.add(literal[1]!);
    }
  }
  return shown;
}

describe('F1 « Aide »', () => {
  const listed = HELP_KEYS.flatMap((h) => h.keys);

  it('lists each key once', () => {
    expect(listed.filter((k, i) => listed.indexOf(k) !== i)).toEqual([]);
  });

  it('lists every key a screen shows beside an action, and the legend’s', () => {
    const shown = [...keysShownOnScreens(), ...Object.values(KEYS).map((k) => k.key)];
    expect(shown.length).toBeGreaterThan(20);
    expect(shown.filter((k) => !listed.includes(k) && k !== 'Alt+1…9')).toEqual([]);
    for (const k of ['Alt+V', 'Alt+N', 'Alt+T', 'Alt+L', 'Alt+X', 'F4']) expect(listed).toContain(k);
  });
});
