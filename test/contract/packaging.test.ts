import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { load as loadYaml } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const config = loadYaml(readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>;
const require = createRequire(import.meta.url);

/** What can be checked here of the installers built on a networked machine. */
describe('electron-builder configuration', () => {
  it('names the app and packs it in an asar with integrity checked and RunAsNode off', () => {
    expect(config).toMatchObject({ appId: 'fr.comptoir.workstation', productName: 'Comptoir', asar: true });
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
    });
  });

  it('rebuilds better-sqlite3 and only it, in beforePack, with npmRebuild off', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.beforePack).toBe('scripts/before-pack.cjs');
    expect(require('../../scripts/before-pack.cjs').REBUILT_MODULES).toEqual(['better-sqlite3']);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/node-hid/**']));
  });

  it('builds a per-machine NSIS installer with shortcuts, and deb + AppImage', () => {
    expect(config.win.target).toBe('nsis');
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, createDesktopShortcut: true, createStartMenuShortcut: true });
    expect(config.linux.target).toEqual(['deb', 'AppImage']);
    expect(config.deb.afterInstall).toBe('packaging/linux/after-install.sh');
  });

  it('ships the udev rule for hidraw and installs it from the deb', () => {
    const rule = readFileSync('packaging/linux/70-comptoir-e-reader.rules', 'utf8');
    const lines = rule.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(line).toMatch(/^KERNEL=="hidraw\*", SUBSYSTEM=="hidraw", ATTRS\{idVendor\}=="[0-9a-f]{4}", TAG\+="uaccess"$/);
    expect(readFileSync('packaging/linux/after-install.sh', 'utf8')).toMatch(
      /install -m 0644 "\$RULE" \/etc\/udev\/rules\.d\/70-comptoir-e-reader\.rules/,
    );
    expect(config.extraResources).toEqual([{ from: 'packaging/linux/70-comptoir-e-reader.rules', to: 'udev/70-comptoir-e-reader.rules' }]);
  });

  it('packages only the built app', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    // No source maps in the installer: they would hand out the sources' layout (review finding 11).
    expect(config.files).toContain('!dist/**/*.map');
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.main).toBe('dist/main/main.mjs');
    expect(pkg.scripts['dist:win']).toMatch(/--win nsis/);
    expect(pkg.scripts['dist:linux']).toMatch(/--linux deb AppImage/);
  });
});
