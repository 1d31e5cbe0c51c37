// @ts-check
// ESLint: typescript-eslint's type-checked rules, plus the architecture written as rules so that
// nobody has to remember it. ESLint's own defineConfig() replaces typescript-eslint's deprecated
// tseslint.config() helper. The project service types every file with the root tsconfig.json
// (DOM and Node both); which world may use which globals is tsc's check (npm run typecheck).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Every Node built-in by its bare name ('fs', 'fs/promises', …); the 'node:' forms are a pattern.
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

const PURE = 'server/core and server/contract are pure';
// Folder depths below server/core and server/contract that the import rules cover (1 = top level).
const DEPTHS = [1, 2, 3, 4];

/** Imports that do I/O, forbidden in pure code; `where` names the code in the message. */
function ioImports(where, instead) {
  const builtin = `${where} runs without Node: a Node built-in does I/O or reads the machine. ${instead}`;
  return {
    paths: NODE_BUILTINS.map((name) => ({ name, message: builtin })),
    patterns: [
      { group: ['node:*'], message: builtin },
      {
        group: ['ioredis', 'ioredis/*', 'socket.io', 'socket.io/*', '@socket.io/*', 'express', 'express/*'],
        message: `${where} does no I/O: Redis, Socket.IO and Express belong to the adapters in server/redis, server/realtime and server/http. ${instead}`,
      },
    ],
  };
}

const PURE_INSTEAD = 'Take what you need as a parameter and let the adapter at the edge do the I/O.';
const coreIo = ioImports('server/core', PURE_INSTEAD);

const BROWSER_HAS_NO_NODE =
  'The wallboard runs in the browser, where Node built-ins do not exist. Use the Web platform API, or let the server do the work and send the result through server/contract.';

/** Clock, environment, randomness and host objects that make a function impure. */
const IMPURE_GLOBALS = [
  ['process', 'read configuration in server/main.ts (the composition root) and pass the value in'],
  ['Buffer', 'work on strings or Uint8Array; decoding bytes is the adapter’s job'],
  ['require', 'use a static import of a pure module'],
  ['__dirname', 'file paths belong to the adapters; pass the value in'],
  ['__filename', 'file paths belong to the adapters; pass the value in'],
  ['global', 'pass the value in'],
  ['globalThis', 'pass the value in'],
  ['setTimeout', 'schedule in the adapter; the core is a function of events and a clock'],
  ['setInterval', 'schedule in the adapter; the core is a function of events and a clock'],
  ['setImmediate', 'schedule in the adapter; the core is a function of events and a clock'],
  ['performance', 'take `now` (ms) as a parameter'],
  ['fetch', 'do network I/O in an adapter'],
  ['window', 'the browser is the wallboard’s; pass the value in'],
  ['document', 'the browser is the wallboard’s; pass the value in'],
  ['navigator', 'the browser is the wallboard’s; pass the value in'],
  ['localStorage', 'storage belongs to an adapter; pass the value in'],
  ['console', 'return a result (or a reason) and let the edge log it through server/log.ts'],
  ['crypto', 'take ids or random values as parameters'],
];

/** The rules every pure module follows: no clock, environment, randomness or host objects. */
function purityRules(where) {
  return {
    'no-restricted-globals': ['error', ...IMPURE_GLOBALS.map(([name, instead]) => ({ name, message: `${where}: do not use \`${name}\`; ${instead}.` }))],
    'no-restricted-properties': [
      'error',
      { object: 'Date', property: 'now', message: `${where}: Date.now() reads the clock; take \`now\` (ms) as a parameter from the caller.` },
      { object: 'performance', property: 'now', message: `${where}: performance.now() reads the clock; take \`now\` as a parameter.` },
      {
        object: 'Math',
        property: 'random',
        message: `${where}: Math.random() is not reproducible; take a seeded random source (simulator/model/random.ts) or the value as a parameter.`,
      },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: `${where}: new Date() reads the clock; take \`now\` (ms) as a parameter and write new Date(now).`,
      },
      {
        selector: "CallExpression[callee.name='Date']",
        message: `${where}: Date() reads the clock; take \`now\` (ms) as a parameter.`,
      },
      {
        selector: 'ImportExpression',
        message: `${where}: no dynamic import(); use a static import of a pure module.`,
      },
    ],
  };
}

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'test-artifacts/', '.data/', 'coverage/']),

  {
    name: 'hotline/typescript',
    files: ['**/*.{ts,js}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits loses its error; `void` marks the ones left running on purpose.
      '@typescript-eslint/no-floating-promises': 'error',
      // House style: every switch over a union names each member (a default is no excuse).
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: true }],
      // Type-only imports say so and vanish from the bundle; inline `type` for mixed imports.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // House style: `interface` for object shapes (options, contracts), `type` for unions.
      '@typescript-eslint/consistent-type-definitions': ['error', 'interface'],
      // `== null` is the one loose comparison worth keeping; every other one is a bug waiting.
      eqeqeq: ['error', 'smart'],
      // Relaxed: `customElements.get(t) ?? customElements.define(t, C)` registers once, on purpose.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // Relaxed: a leading `_` marks a parameter an override must accept, and destructuring
      // with a rest (`{ calls: _c, ...rest }`) is how the code drops fields from a copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },

  {
    name: 'hotline/tests',
    files: ['**/*.test.ts', 'test/**/*.ts', 'wallboard/testing/**/*.ts'],
    rules: {
      // Fakes implement async interfaces with plain values: `async () => null` is the clearest form.
      '@typescript-eslint/require-await': 'off',
      // `expect(fake.method).toHaveBeenCalled()` hands the method to a matcher; it is never called unbound.
      '@typescript-eslint/unbound-method': 'off',
    },
  },

  {
    name: 'hotline/config-files',
    // The ESLint config is plain JavaScript outside every tsconfig: lint it without types.
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },

  // ── Architecture ────────────────────────────────────────────────────────────────────────
  { name: 'hotline/architecture/pure', files: ['server/core/**/*.ts', 'server/contract/**/*.ts'], rules: purityRules(PURE) },
  // Relative imports are checked by depth: from server/core/a/b.ts it takes '../../' to leave the core.
  ...DEPTHS.flatMap((depth) => {
    const up = `(\\.\\./){${depth}}`;
    const nested = '*/'.repeat(depth - 1);
    return [
      {
        name: `hotline/architecture/core-depth-${depth}`,
        files: [`server/core/${nested}*.ts`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              paths: coreIo.paths,
              patterns: [
                ...coreIo.patterns,
                {
                  // Out of server/core, only into server/contract.
                  regex: `^${up}(?!contract/)`,
                  message:
                    'server/core may import only server/core and server/contract: the adapters depend on the core, never the other way round. Move the shared piece into server/contract or pass it in.',
                },
              ],
            },
          ],
        },
      },
      {
        name: `hotline/architecture/contract-depth-${depth}`,
        files: [`server/contract/${nested}*.ts`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                {
                  // A package other than zod, or a path that climbs out of server/contract.
                  regex: `^(?!zod(/|$)|\\.)|^${up}`,
                  message:
                    'server/contract is the wire contract the server and the browser share: it imports only zod and other server/contract modules. Keep I/O (Node built-ins, ioredis, socket.io, express) and server logic out; move the type or constant you need into server/contract instead.',
                },
              ],
            },
          ],
        },
      },
    ];
  }),
  {
    name: 'hotline/architecture/simulator-model',
    // The simulator's model is seeded and pure too: its I/O lives in simulator/publisher.ts.
    files: ['simulator/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', ioImports('simulator/model', 'Do the I/O in simulator/publisher.ts or the CLI and pass the result in.')],
      ...purityRules('simulator/model is pure and seeded'),
    },
  },
  {
    name: 'hotline/architecture/wallboard',
    files: ['wallboard/**/*.ts'],
    // Tests beside the components are not bundled: they may build their fixtures with the
    // server's own encoder (through test/support), as the other tests do.
    ignores: ['wallboard/**/*.test.ts', 'wallboard/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: BROWSER_HAS_NO_NODE })),
          patterns: [
            { group: ['node:*'], message: BROWSER_HAS_NO_NODE },
            {
              group: ['ioredis', 'express', 'socket.io', '@socket.io/*'],
              message: 'The wallboard is a browser client: it talks to the server only through socket.io-client and the types in server/contract/protocol.ts.',
            },
            {
              regex: '^(\\.\\./)+server/(?!contract/)',
              message:
                'The wallboard may import from server/ only server/contract (the wire contract). Move the type or constant into server/contract, or have the server compute the value and send it in the snapshot or a delta.',
            },
          ],
        },
      ],
    },
  },
);
