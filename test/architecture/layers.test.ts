// "No arrow up": the layers of src/ read resolve → parse → evaluate → findings → render, and a file
// may import only from its own layer or the ones below it. The layer of a file is its folder's, except
// that every renderer (render-*.ts, to-json.ts, present*.ts) belongs to the render layer whatever
// folder keeps it beside its check. This test reads every import of src/ and names each one that
// points up. src/index.ts, the public API, is the one index: a folder index would hide what a
// module really depends on, so there is none.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');

/**
 * Lowest first. Each entry is a folder of src/ (`spf`) or a file (`report/escape.ts`); the most
 * specific entry naming a file decides its layer. A folder not listed fails the test, so a new one
 * has to be placed.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['net', 'version.ts'],
  // text safety for anything printed, used from the lowest layers up (log lines, error messages)
  ['model', 'report/escape.ts'],
  // the zone model and its readers: RFC 1035 master files (zone/) and DNS-as-code inputs (zone-formats/)
  ['zone', 'zone-formats'],
  // network clients over the Resolver: the HTTPS fetch (MTA-STS, BIMI), the SMTP probe, TLS peers
  ['dns', 'fetch', 'smtp', 'tls'],
  ['findings'],
  // the registry of provider knowledge is data the predictor and the bounce classifier share
  ['org-domain', 'spf', 'dmarc', 'dkim', 'mx', 'ptr', 'zone-coverage', 'profile', 'providers', 'transport', 'bimi'],
  // DNSSEC validation over the Resolver, and DANE (TLSA) judged with its verdicts
  ['dnssec'],
  ['dane'],
  ['predict', 'flatten', 'changes', 'message', 'bounce'],
  ['audit'],
  ['diff'],
  // every renderer, wherever it is kept, and the report formats (with the registry of every finding)
  ['render', 'report'],
  // bulk scans: every domain's audit written as a line of a report format as it finishes
  ['scan'],
  ['config'],
  ['cli'],
  // the public API: src/index.ts, the one index (folders have none)
  ['index.ts'],
];

const RENDERER = /^(render-.*|to-json|present-markdown)\.ts$/;

function layerOf(file: string): number {
  const rel = path.relative(SRC, file).split(path.sep);
  const name = rel[rel.length - 1] as string;
  const relPath = rel.join('/');
  const top = rel[0] as string;
  const specific = LAYERS.findIndex((l) => l.includes(relPath));
  if (specific >= 0) return specific;
  const folder = LAYERS.findIndex((l) => l.includes(top));
  if (folder < 0) throw new Error(`src/${relPath}: its folder '${top}' is in no layer of test/architecture/layers.test.ts`);
  const special = RENDERER.test(name) ? LAYERS.findIndex((l) => l.includes('render')) : -1;
  // a renderer kept in the CLI is the CLI's: a special layer only ever lifts a file
  return Math.max(folder, special);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/**
 * Every relative import and re-export of a file, type-only ones included (they are dependencies
 * too), and every module it imports when it needs it (`import('./x.js')`, `typeof import('./x.js')`).
 */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const staticImports = [...text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)];
  const dynamicImports = [...text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)];
  return [...staticImports, ...dynamicImports].map((m) => path.resolve(path.dirname(file), (m[1] as string).replace(/\.js$/, '.ts')));
}

const label = (file: string): string => path.relative(SRC, file).split(path.sep).join('/');

describe('dependencies point down', () => {
  it('no file of src/ imports from a layer above its own', () => {
    const up: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const own = layerOf(file);
      for (const target of importsOf(file)) {
        if (layerOf(target) > own) up.push(`${label(file)} -> ${label(target)}`);
      }
    }
    expect(up).toEqual([]);
  });

  it('src/index.ts is the only index', () => {
    expect(sourceFiles(SRC).filter((f) => path.basename(f) === 'index.ts').map(label)).toEqual(['index.ts']);
  });

  it('reads imports the way the code writes them (the test itself can fail)', () => {
    expect(importsOf(path.join(SRC, 'zone', 'parse-zone.ts')).length).toBeGreaterThan(0);
    // a module imported when it is used is a dependency too
    expect(importsOf(path.join(SRC, 'cli', 'main.ts'))).toContain(path.join(SRC, 'cli', 'run-invocation.ts'));
    expect(layerOf(path.join(SRC, 'cli', 'main.ts'))).toBeGreaterThan(layerOf(path.join(SRC, 'spf', 'parse.ts')));
    expect(layerOf(path.join(SRC, 'spf', 'render-text.ts'))).toBe(layerOf(path.join(SRC, 'report', 'json.ts')));
  });
});
