/**
 * Architecture rules, checked by `npm run lint:deps` (part of `npm test`).
 * Each rule says why it exists; a violation fails the build with its name.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Import cycles (type-only ones included) make load order fragile and files impossible to read on their own.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'engine-stays-headless',
      severity: 'error',
      comment:
        'src/engine runs unchanged in Node, a Web Worker and the page: no UI libraries, no app layers. ' +
        'Engine tests may use app helpers (hostileInput.test.ts feeds validateDraft) since they never ship.',
      from: { path: '^src/engine/', pathNot: '\\.test\\.tsx?$' },
      to: { path: ['^node_modules/(react|react-dom|zustand|recharts)/', '^src/(store|ui|worker)/'] },
    },
    {
      name: 'page-does-not-import-tfjs',
      severity: 'error',
      comment: 'The page and its store never train (the worker does): tfjs reaches them only through the engine, never directly.',
      from: { path: '^src/(ui|store)/' },
      to: { path: '^node_modules/@tensorflow/' },
    },
    {
      name: 'page-uses-the-engine-spec-face',
      severity: 'error',
      comment:
        'The page (src/ui, src/store, src/main.tsx) reaches the engine only through its tfjs-free spec face ' +
        '(src/engine/spec/index.ts), never the compute face (src/engine/index.ts) or a module behind either.',
      from: { path: '^src/(ui/|store/|main\\.tsx$)', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^src/engine/', pathNot: '^src/engine/spec/index\\.ts$' },
    },
    {
      name: 'page-never-reaches-tfjs',
      severity: 'error',
      comment:
        'The page never trains (the worker does): nothing it imports, however indirectly and even for types, may reach tfjs, ' +
        'so its first paint loads none (scripts/first-paint.test.ts checks the built chunks).',
      from: { path: '^src/(ui/|store/|main\\.tsx$)', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^node_modules/@tensorflow/', reachable: true },
    },
    {
      name: 'app-does-not-import-bench',
      severity: 'error',
      comment: 'Benchmarks may use the app, not the other way round.',
      from: { path: '^src/(ui/|store/|main\\.tsx$)' },
      to: { path: '^src/bench/' },
    },
    {
      name: 'store-pure-helpers-stay-pure',
      severity: 'error',
      comment: 'src/store/pure holds plain functions (validation, comparison queue, URL parsing): no store state, no services, no React.',
      from: { path: '^src/store/pure/' },
      to: { path: ['^src/store/(state|services)/', '^src/store/[^/]+$', '^node_modules/(react|react-dom|zustand)/'] },
    },
    {
      name: 'store-state-has-no-side-effects',
      severity: 'error',
      comment: 'State slices are data and named actions; the services (worker bridge, history recorder, imports, URL sync) drive them, not the reverse.',
      from: { path: '^src/store/state/' },
      to: { path: ['^src/store/services/', '^src/store/[^/]+$', '^src/(ui|storage/[^/]*Idb)', '^node_modules/(react|react-dom)/'] },
    },
  ],
  options: {
    includeOnly: ['^src/', '^node_modules/'],
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle through `import type` is still a cycle for a reader.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
