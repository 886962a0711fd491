// Text reports fitted to the terminal: each line longer than the width is broken at spaces, the
// continuation indented two columns past the line's own indent (a hanging indent), with ANSI
// colours kept (wrap-ansi measures what a terminal shows, wide characters included). Some lines
// are never broken:
//  - the line that opens a finding (`  error   spf-too-many-lookups  example.com`), so that grep
//    for an id or a domain keeps finding it;
//  - DNS data meant to be copied: zone-file lines, unsplit record values and quoted records
//    (`zone file:`, `value…:`, `record:`, `now:`, `| v=spf1 …`) and commands to paste (`run authaudit …`);
//    a terminal folds them, nothing cuts them.
// After a label (`fix `, `DMARC  `, `2. `) the continuation lines up with the text that follows it.
// Nothing is cut: a word longer than the width stays whole on its own line.
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

export const DEFAULT_WIDTH = 100;
/** Below this a hanging indent leaves no room for words. */
const MIN_WIDTH = 40;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

const KEEP_WHOLE: readonly RegExp[] = [
  /^\s*(error|warning|info)\s+[a-z0-9]+(-[a-z0-9]+)+(\s|$)/, // a finding's opening line
  /^\s*(zone file:|value\b[^:]*:|record:|now:)/, // DNS data to copy
  /^\s*run\s+authaudit\s/, // a command to paste
  /^\s*\| /, // a record quoted under a finding
  /^\S+\.\s+(\d+\s+)?IN\s+[A-Z0-9]+\s/, // a bare zone-file line
];

/** A line's label: its continuation lines start under the text that follows it. */
const LABEL = /^(?:(?:fix|via|at|SPF|DMARC|DKIM|MX|PTR|with)\s+|\d+\.\s+|-\s+)(?=\S)/;

/** The width to wrap to: the terminal's, else $COLUMNS, else 100. */
export function reportWidth(terminalColumns: number | undefined, env: NodeJS.ProcessEnv): number {
  const columns = terminalColumns !== undefined && terminalColumns > 0 ? terminalColumns : Number.parseInt(env['COLUMNS'] ?? '', 10);
  return Number.isFinite(columns) && columns > 0 ? Math.max(columns, MIN_WIDTH) : DEFAULT_WIDTH;
}

export function wrapReport(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, width))
    .join('\n');
}

function wrapLine(line: string, width: number): string {
  if (stringWidth(line) <= width) return line;
  const plain = line.replace(ANSI, '');
  if (KEEP_WHOLE.some((re) => re.test(plain))) return line;
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const body = line.slice(indent.length);
  const first = wrapAnsi(body, width - indent.length, { hard: false, trim: true }).split('\n');
  const head = first[0] ?? '';
  const rest = first.slice(1).join(' ');
  if (rest === '') return `${indent}${head}`;
  // after a label (`fix `, `DMARC  `, `2. `, `- `) the continuation lines up with the text; else two columns in
  const label = LABEL.exec(body.replace(ANSI, ''))?.[0];
  const hanging = `${indent}${' '.repeat(label === undefined ? 2 : stringWidth(label))}`;
  const continued = wrapAnsi(rest, width - hanging.length, { hard: false, trim: true }).split('\n');
  return [`${indent}${head}`, ...continued.map((l) => `${hanging}${l}`)].join('\n');
}
