// Lint, including the layer table of docs/architecture.md: each folder may import only what it lists.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'net', 'crypto', 'better-sqlite3', 'node-hid', 'ws'];
const DOM = ['react', 'react-dom', 'react-dom/*', 'zustand'];
const ELECTRON = ['electron'];
const folder = (name) => [`**/${name}/**`, `**/${name}`];
/** The database's drivers: only the store speaks to them (the mock téléservice keeps its own file). */
const DATABASE = ['better-sqlite3', 'pg', 'kysely'];

/** What the main process's services (and the store among them) never import. */
const SERVICE_WALLS = [
  ...ELECTRON,
  ...DOM,
  ...folder('renderer'),
  ...folder('am-server'),
  ...folder('cli'),
  ...folder('preload'),
  ...folder('electron'),
  ...folder('host'),
  ...folder('bootstrap'),
];
/** What the renderer, everywhere in it, never imports. */
const RENDERER_WALLS = [...NODE, ...ELECTRON, ...folder('main'), ...folder('am-server'), ...folder('cli'), ...folder('preload')];

/** A layer may not import these (package names or folders of other layers). */
const LAYERS = [
  {
    files: ['src/shared/**'],
    forbidden: [
      ...NODE,
      ...DOM,
      ...ELECTRON,
      ...folder('main'),
      ...folder('renderer'),
      ...folder('am-server'),
      ...folder('cli'),
      ...folder('preload'),
    ],
    why: 'src/shared reste pur : ni Node, ni Electron, ni DOM.',
  },
  {
    files: ['src/main/services/**'],
    ignores: ['src/main/services/store/**'],
    forbidden: [...SERVICE_WALLS, ...DATABASE],
    why: 'les services tournent sous Node seul, jamais electron ; seul le store parle à la base.',
  },
  { files: ['src/main/services/store/**'], forbidden: SERVICE_WALLS, why: 'le store tourne sous Node seul : jamais electron.' },
  {
    files: ['src/main/host/**'],
    forbidden: [...ELECTRON, ...DOM, ...DATABASE, ...folder('renderer'), ...folder('cli'), ...folder('preload'), ...folder('electron')],
    why: 'l’hôte navigateur sert les services, sans Electron.',
  },
  {
    files: ['src/main/bootstrap/**'],
    forbidden: [
      ...ELECTRON,
      ...DOM,
      ...DATABASE,
      ...folder('renderer'),
      ...folder('cli'),
      ...folder('preload'),
      ...folder('electron'),
      ...folder('host'),
    ],
    why: 'l’assemblage des services ne dépend d’aucun hôte.',
  },
  {
    files: ['src/main/electron/**'],
    forbidden: [...DOM, ...DATABASE, ...folder('renderer'), ...folder('cli'), ...folder('preload'), ...folder('am-server')],
    why: 'la coquille Electron passe par bootstrap et services.',
  },
  {
    files: ['src/preload/**'],
    forbidden: [
      ...NODE,
      ...DOM,
      'zod',
      ...folder('main'),
      ...folder('renderer'),
      ...folder('am-server'),
      ...folder('cli'),
      '**/contract/ipc-contract*',
    ],
    why: 'le preload n’expose que les noms du contrat.',
  },
  { files: ['src/renderer/**'], forbidden: RENDERER_WALLS, why: 'le renderer ne parle qu’à l’API typée.' },
  {
    files: ['src/renderer/keyboard/**', 'src/renderer/stores/**', 'src/renderer/components/**'],
    forbidden: [...RENDERER_WALLS, ...folder('screens')],
    why: 'le clavier, les stores et les composants ne dépendent d’aucun écran.',
  },
  {
    files: ['src/am-server/**'],
    forbidden: [...ELECTRON, ...DOM, 'node-hid', ...folder('main'), ...folder('renderer'), ...folder('cli'), ...folder('preload')],
    why: 'le téléservice simulé est un serveur à part.',
  },
  {
    files: ['src/cli/**'],
    forbidden: [...ELECTRON, ...DOM, ...DATABASE, ...folder('renderer'), ...folder('preload'), ...folder('electron')],
    why: 'les commandes tournent sous Node seul.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  ...LAYERS.map(({ files, ignores, forbidden, why }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message: `Couche : ${why}` }] }] },
  })),
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
