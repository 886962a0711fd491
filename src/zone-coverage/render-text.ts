// The coverage findings for a terminal, for reports that do not list findings themselves (predict,
// diff): what was left out, then the findings, before the report proper.
import type { Finding } from '../findings/types.js';
import { renderFindingsText } from '../report/text.js';
import { COVERAGE_FINDINGS } from './findings.js';

const IDS = new Set(Object.keys(COVERAGE_FINDINGS));

/** `notes` (already escaped) and the coverage findings among `shown`; '' when there are neither. */
export function renderCoverageText(shown: readonly Finding[], color: boolean, notes: readonly string[] = []): string {
  const findings = shown.filter((f) => IDS.has(f.id));
  const parts = [...notes.map((n) => `${n}\n`), renderFindingsText(findings, { color, emptyText: null })].filter((p) => p !== '');
  return parts.length === 0 ? '' : `${parts.join('\n')}\n`;
}
