// The coverage findings as Markdown, for reports that do not list findings themselves (predict,
// diff): a section naming the domains outside the zone files; nothing when there are none.
import type { Finding } from '../findings/types.js';
import { markdownFindingsSection } from '../report/markdown.js';
import { COVERAGE_FINDINGS } from './findings.js';

const IDS = new Set(Object.keys(COVERAGE_FINDINGS));

/** The coverage findings among `shown` as a section; [] when none. */
export function renderCoverageMarkdown(shown: readonly Finding[]): string[] {
  const findings = shown.filter((f) => IDS.has(f.id));
  return findings.length === 0 ? [] : markdownFindingsSection('Named domains outside the zone files', findings, '');
}
