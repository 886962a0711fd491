// Progress on stderr: an ora spinner, only when someone is watching a real terminal. Never with a
// machine-readable --format, --quiet or --verbose (its query log would fight the spinner), in CI,
// or on a dumb terminal. Otherwise every method is a no-op and nothing at all is written, and ora
// (with chalk and its other dependencies) is never loaded: it is imported only when progress shows.
import type { Ora } from 'ora';
import type { Format } from './command.js';
import { escapeForTerminal } from '../report/escape.js';

export interface ProgressConditions {
  /** stderr's isTTY. */
  isTTY: boolean | undefined;
  /** stderr's columns (0 or undefined when it has none, e.g. some CI pseudo-terminals). */
  columns: number | undefined;
  format: Format;
  quiet: boolean;
  verbose?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** `--progress` (scan): shown whatever the terminal, format or CI say; still not with --quiet or --verbose. */
  forced?: boolean;
}

/** True in CI: `CI` set to anything but "", "0" or "false" (GitHub Actions, GitLab, Buildkite … set it). */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** The enabling rule, as a pure function. */
export function progressEnabled(c: ProgressConditions): boolean {
  if (c.forced === true) return !c.quiet && c.verbose !== true;
  return (
    c.isTTY === true &&
    typeof c.columns === 'number' &&
    c.columns > 0 &&
    c.format === 'text' &&
    !c.quiet &&
    c.verbose !== true &&
    !isCi(c.env) &&
    c.env['TERM'] !== 'dumb'
  );
}

/** "3 of 12 domains done". */
export function domainsDoneText(done: number, total: number): string {
  return `${done} of ${total} domain${total === 1 ? '' : 's'} done`;
}

export interface Progress {
  readonly enabled: boolean;
  /** Show what is happening now (DNS text is escaped). */
  message(text: string): void;
  /** Start counting: `total` domains to do. */
  domains(total: number): void;
  /** One more domain finished. */
  domainDone(domain?: string): void;
  /** Remove the spinner (call before writing the report); safe to call twice. */
  stop(): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const NOOP: Progress = Object.freeze({ enabled: false, message() {}, domains() {}, domainDone() {}, stop() {} });

export async function createProgress(conditions: ProgressConditions & { stream: ProgressStream }): Promise<Progress> {
  if (!progressEnabled(conditions)) return NOOP;
  const { default: ora } = await import('ora');
  let spinner: Ora | null = null;
  let stopped = false;
  let total: number | null = null;
  let done = 0;
  let note = '';
  const show = () => {
    if (stopped) return;
    const counter = total !== null ? domainsDoneText(done, total) : '';
    const text = [counter, note].filter((s) => s !== '').join(' · ');
    if (spinner === null) {
      spinner = ora({ stream: conditions.stream as unknown as NodeJS.WritableStream, isEnabled: true, discardStdin: false, text });
      spinner.start();
    } else {
      spinner.text = text;
      spinner.render(); // show the new count now, not at the next frame
    }
  };
  return {
    enabled: true,
    message(text) {
      note = escapeForTerminal(text);
      show();
    },
    domains(n) {
      total = n;
      done = 0;
      show();
    },
    domainDone(domain) {
      done++;
      note = domain !== undefined ? escapeForTerminal(domain) : note;
      show();
    },
    stop() {
      stopped = true;
      (spinner as Ora | null)?.stop();
      spinner = null;
    },
  };
}
