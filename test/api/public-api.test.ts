// The public API is chosen, not whatever a module happens to export: src/index.ts exports exactly
// the names the README's "As a library" table lists, so adding or dropping one is a visible decision.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as authaudit from '../../src/index.js';

function readmeExports(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## As a library'), readme.indexOf('## Development'));
  const rows = section.split('\n').filter((l) => /^\| [^|]+ \| `/.test(l));
  return rows.flatMap((row) => [...(row.split('|')[2] ?? '').matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)].map((m) => m[1] as string));
}

describe('the public API (src/index.ts)', () => {
  it('exports exactly what the README lists, each name once', () => {
    const listed = readmeExports();
    expect(listed.length).toBeGreaterThan(40);
    expect(new Set(listed).size).toBe(listed.length);
    expect(Object.keys(authaudit).sort()).toEqual([...listed].sort());
  });

  it('exports no per-check internals (finding tables, JSON projections, helpers)', () => {
    const names = Object.keys(authaudit);
    expect(names.filter((n) => /_FINDINGS$|Json$/.test(n) && !['auditJson', 'diffJson', 'renderJson'].includes(n))).toEqual([]);
  });
});
