/**
 * The module boundaries of ARCHITECTURE.md, enforced:
 *   platform ← modules ← server / worker / cli
 * and a module is entered only through its index.ts.
 */
module.exports = {
  forbidden: [
    {
      name: 'platform-is-the-bottom',
      comment: 'src/platform must not depend on modules, server, worker or cli',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|server|worker|cli)/' },
    },
    {
      name: 'modules-below-entrypoints',
      comment: 'modules must not depend on server, worker or cli',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '^src/(server|worker|cli)/' },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'contracts are shared with the console: they import only typebox and each other',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { path: '^src/(?!contracts/)' },
    },
    {
      name: 'enter-a-module-through-its-index',
      comment: 'from outside a module, import only src/modules/<m>/index.ts',
      severity: 'error',
      from: { path: '^src/(?:modules/([^/]+)|server|worker|cli|browser-tests)/' , pathNot: '\\.test\\.ts$' },
      to: { path: '^src/modules/([^/]+)/.+', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'connector-stays-in-its-folder',
      comment: 'a connector imports only the connector interface and the platform',
      severity: 'error',
      from: { path: '^src/modules/channels/([^/]+)/' },
      to: { path: '^src/modules/(?!channels/)', pathNot: '^src/modules/channels/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', 'dist', 'web/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
