// A record excerpt for a terminal: DNS text escaped, long records cut around the interesting
// position with "...", and the column of a caret that points at `position` in the escaped text.
import { escapeForTerminal } from './escape.js';

export interface Excerpt {
  /** The escaped (and possibly shortened) record text. */
  text: string;
  /** 0-based column of the caret in `text`, or null when there is no position to point at. */
  caret: number | null;
}

const ELLIPSIS = '...';

/**
 * `position` is a 0-based offset into `record` (a JS string index). Each character is escaped on
 * its own, so the caret lands under the first character of the escape of the character it names.
 */
export function excerpt(record: string, position: number | null, maxWidth = 100): Excerpt {
  const pieces: string[] = [];
  const starts: number[] = [];
  let offset = 0;
  for (const ch of record) {
    starts.push(offset);
    pieces.push(escapeForTerminal(ch));
    offset += ch.length;
  }
  const valid = position !== null && Number.isInteger(position) && position >= 0 && position <= record.length;
  // index of the piece the caret points at (pieces.length = just past the end)
  let target: number | null = null;
  if (valid) {
    target = pieces.length;
    for (let i = 0; i < starts.length; i++) {
      if ((starts[i] ?? 0) >= (position as number)) {
        target = (starts[i] ?? 0) === position ? i : i - 1;
        break;
      }
    }
  }
  const widthOf = (from: number, to: number) => pieces.slice(from, to).reduce((n, p) => n + p.length, 0);
  const total = widthOf(0, pieces.length);
  let from = 0;
  let to = pieces.length;
  if (total + (target === pieces.length ? 1 : 0) > maxWidth) {
    const budget = Math.max(10, maxWidth - 2 * ELLIPSIS.length);
    const centre = target ?? 0;
    from = centre;
    to = centre;
    let used = 0;
    // grow the window around the target, left first so the context before the caret shows
    for (;;) {
      let grew = false;
      if (from > 0 && used + (pieces[from - 1]?.length ?? 0) <= budget) {
        from--;
        used += pieces[from]?.length ?? 0;
        grew = true;
      }
      if (to < pieces.length && used + (pieces[to]?.length ?? 0) <= budget) {
        used += pieces[to]?.length ?? 0;
        to++;
        grew = true;
      }
      if (!grew) break;
    }
  }
  const prefix = from > 0 ? ELLIPSIS : '';
  const suffix = to < pieces.length ? ELLIPSIS : '';
  const text = prefix + pieces.slice(from, to).join('') + suffix;
  const caret = target === null ? null : prefix.length + widthOf(from, target);
  return { text, caret };
}
