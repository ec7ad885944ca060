// `npm start`: builds, then starts the Electron shell where its binary exists. Without it (as on
// machines that cannot download it), says so in one sentence and points to browser mode.
import { spawn } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const binary = electronBinary();
if (binary === null) {
  console.error(
    "Electron n'est pas installé sur ce poste (son binaire n'a pas pu être téléchargé) : lancez « npm run start:browser » pour ouvrir Comptoir dans le navigateur.",
  );
  process.exit(1);
}
await import('./build.mjs');
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
