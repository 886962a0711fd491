// docs/providers.md documents every rule the predictor applies, and only those. The rule ids come
// from the exported rule table (PROVIDER_RULES); the documented ones from the page's rule headings
// (a level-3 heading holding only the id in backticks) and its summary table.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDER_RULES } from '../../src/predict/predict.js';
import { ALL_PROVIDERS, PROVIDER_NAMES } from '../../src/predict/types.js';
import type { ProviderId } from '../../src/providers/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = 'docs/providers.md';
const text = readFileSync(join(ROOT, DOC), 'utf8');

interface Section {
  id: string;
  /** The level-2 heading the rule is under (the provider's part). */
  part: string;
  body: string;
}

/** Each rule's section, from its heading to the next heading of any level. */
function ruleSections(markdown: string): Section[] {
  const out: Section[] = [];
  let part = '';
  let current: Section | null = null;
  for (const line of markdown.split('\n')) {
    if (/^#{1,6} /.test(line)) {
      current = null;
      if (line.startsWith('## ')) part = line.slice(3).trim();
      const id = /^### `([^`]+)`\s*$/.exec(line)?.[1];
      if (id !== undefined) {
        current = { id, part, body: '' };
        out.push(current);
      }
      continue;
    }
    if (current !== null) current.body += `${line}\n`;
  }
  return out;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchor = (heading: string): string => heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');

const rules = ALL_PROVIDERS.flatMap((provider: ProviderId) => PROVIDER_RULES[provider].map((rule) => ({ provider, id: rule.id, row: rule.row })));
const ruleIds = rules.map((r) => r.id);
const sections = ruleSections(text);
const documented = sections.map((s) => s.id);

describe(`${DOC} and the predictor's rule table`, () => {
  it('the table has rules, each id once', () => {
    expect(ruleIds.length).toBeGreaterThan(0);
    expect(ruleIds.filter((id, i) => ruleIds.indexOf(id) !== i)).toEqual([]);
  });

  it('every rule the predictor applies has a section', () => {
    expect(ruleIds.filter((id) => !documented.includes(id)), `rules without a section in ${DOC}`).toEqual([]);
  });

  it('every documented rule is still in the table, and documented once', () => {
    expect(documented.filter((id) => !ruleIds.includes(id)), `sections in ${DOC} for rules the code no longer has`).toEqual([]);
    expect(documented.filter((id, i) => documented.indexOf(id) !== i)).toEqual([]);
  });

  it('the summary table lists the same rules', () => {
    const listed = [...text.matchAll(/^\| \[`([^`]+)`\]/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...ruleIds].sort());
  });

  it.each(rules)('$id: under its provider, with the codes of its row and a dated (or undated) public source', ({ provider, id, row }) => {
    const section = sections.find((s) => s.id === id);
    expect(section, `no section for ${id}`).toBeDefined();
    const { part, body } = section as Section;
    expect(part.startsWith(PROVIDER_NAMES[provider]), `${id} is under "${part}"`).toBe(true);
    // the reply and enhanced status codes the rule's row names (the row is what findings show)
    const enhanced = row.match(/\b[245]\.\d{1,3}\.\d{1,3}\b/g) ?? [];
    const replyCodes = row.match(/(?<![\d.,])[245]\d\d(?![\d.,])/g) ?? [];
    for (const code of [...enhanced, ...replyCodes]) expect(body, `${id}: ${code} (from its row) is not documented`).toContain(code);
    const source = body.slice(body.indexOf('**Source:**')).replace(/\s+/g, ' ');
    expect(body).toContain('**Source:**');
    expect(source).toMatch(/https:\/\/\S+/);
    expect(source).toMatch(/read \d{4}-\d{2}|not recorded/);
  });

  it('every citation of a section of the page in src/ and test/ names a heading that exists', () => {
    const anchors = new Set(text.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => anchor(l.replace(/^#+ /, ''))));
    const cited: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(join(ROOT, dir))) {
        const path = join(dir, name);
        if (statSync(join(ROOT, path)).isDirectory()) walk(path);
        else if (/\.(ts|md|txt|json|sarif)$/.test(name)) {
          for (const m of readFileSync(join(ROOT, path), 'utf8').matchAll(/docs\/providers\.md#([\w-]+)/g)) cited.push(`${path}: #${m[1] ?? ''}`);
        }
      }
    };
    walk('src');
    walk('test');
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((c) => !anchors.has(c.slice(c.lastIndexOf('#') + 1)))).toEqual([]);
  });
});
