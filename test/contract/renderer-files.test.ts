import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererFile } from '../../src/main/electron/renderer-files.js';

describe('app:// serves only the built renderer', () => {
  const base = mkdtempSync(join(tmpdir(), 'comptoir-renderer-'));
  const dir = join(base, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<html></html>');
  writeFileSync(join(dir, 'assets', 'app.js'), '');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  symlinkSync(join(base, 'secret.txt'), join(dir, 'escape.txt'));

  it('maps the root and assets onto their files', async () => {
    expect(await resolveRendererFile(dir, 'app://comptoir/')).toMatch(/index\.html$/);
    expect(await resolveRendererFile(dir, 'app://comptoir/assets/app.js')).toMatch(/assets[/\\]app\.js$/);
    expect(await resolveRendererFile(dir, 'app://comptoir/assets%2Fapp.js')).toMatch(/app\.js$/);
  });

  it('refuses other hosts, traversal, malformed escapes, NUL bytes, missing files and symlinks out', async () => {
    for (const url of [
      'app://other/index.html',
      'app://comptoir/../secret.txt',
      'app://comptoir/%2e%2e/secret.txt',
      'app://comptoir/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://comptoir/%E0%A4%A',
      'app://comptoir/index.html%00.js',
      'app://comptoir/missing.js',
      'app://comptoir/escape.txt',
      'not a url',
    ])
      expect(await resolveRendererFile(dir, url), url).toBeNull();
  });
});
