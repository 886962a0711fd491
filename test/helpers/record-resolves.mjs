// Preloaded into a child node process (`--import` this file, Node 20.6+; NODE_OPTIONS works too)
// to see which modules the process loads, for tests of lazy loading
// (test/cli/lazy-modules.test.ts). It writes one line per module to the file named by
// AUTHAUDIT_RESOLVE_LOG:
//   `import <TAB> specifier <TAB> resolved URL`  for every specifier the ES module loader resolves
//                                                (a resolve hook, registered with node:module's register());
//   `require <TAB> file`                          for every CommonJS module loaded (the require cache,
//                                                written at exit), since in Node 20 require() calls,
//                                                and CommonJS packages' own requires, bypass the hooks.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.AUTHAUDIT_RESOLVE_LOG;
if (file === undefined || file === '') throw new Error('record-resolves.mjs: set AUTHAUDIT_RESOLVE_LOG to the file to write');

// The hooks run on the loader's own thread, so they write to the file themselves.
const hooks = `
import { appendFileSync } from 'node:fs';
let file = '';
export function initialize(data) { file = data.file; }
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  appendFileSync(file, 'import\\t' + specifier + '\\t' + result.url + '\\n');
  return result;
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { file } });

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const lines = Object.keys(require.cache).map((f) => `require\t${f}\n`);
  appendFileSync(file, lines.join(''));
});
