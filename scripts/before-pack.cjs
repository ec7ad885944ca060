// electron-builder beforePack: rebuild better-sqlite3, and only it, for the Electron ABI being
// packaged (npmRebuild is off). node-hid ships N-API prebuilds that need no rebuild.
const { execFileSync } = require('node:child_process');

exports.REBUILT_MODULES = ['better-sqlite3'];

exports.default = async function beforePack(context) {
  const electronVersion = context.packager.config.electronVersion ?? require('electron/package.json').version;
  const arch = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64' }[context.arch] ?? 'x64';
  execFileSync(
    'npx',
    ['electron-rebuild', '--only', exports.REBUILT_MODULES.join(','), '--version', electronVersion, '--arch', arch, '--force'],
    { stdio: 'inherit', shell: process.platform === 'win32' },
  );
};
