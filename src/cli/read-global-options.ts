// The global options as commander parsed them, checked into GlobalOptions (bad values are usage
// errors, exit 2). Loaded only when a command runs.
import path from 'node:path';
import { parseIgnoreList } from '../findings/filter.js';
import { diskSource } from '../zone/file-source.js';
import { type Format, type GlobalOptions, type OutputTarget, type StreamOptions } from './command.js';
import type { FailOn } from '../findings/fail-on.js';
import { UsageError } from '../model/usage-error.js';
import { DEFAULT_TIMEOUT_MS, FAIL_ON, FORMATS } from './global-options.js';
import { wholeNumberOption } from './whole-number-option.js';

/**
 * `--output FORMAT=FILE` values: a known format and a file name, in a folder that is there, no file
 * named twice. A value without `=` is a file in the `--format` format; a file name holding `=`
 * needs its format first (`json=a=b.json`). Checked before the command runs, so a typo costs no
 * DNS questions. Paths are relative to `cwd`.
 */
export function parseOutputTargets(values: readonly string[], format: Format, cwd: string): OutputTarget[] {
  return parseTargets(values, format, cwd, FORMATS);
}

function parseTargets<F extends string>(values: readonly string[], format: F, cwd: string, formats: readonly F[]): Array<{ format: F; file: string; path: string }> {
  const targets: Array<{ format: F; file: string; path: string }> = [];
  for (const value of values) {
    const fail = (why: string): never => {
      throw new UsageError(`--output '${value}': ${why}`);
    };
    const eq = value.indexOf('=');
    const named = eq < 0 ? format : value.slice(0, eq);
    const file = eq < 0 ? value : value.slice(eq + 1);
    if (!(formats as readonly string[]).includes(named)) {
      fail(`unknown format '${named}' (expected FORMAT=FILE with FORMAT one of ${formats.join(', ')}, or a FILE alone for the --format format)`);
    }
    if (file.trim() === '') fail(eq < 0 ? 'no file name' : `no file name after '${named}='`);
    const target = path.resolve(cwd, file);
    const folder = diskSource.kind(path.dirname(target));
    if (folder !== 'folder') fail(`cannot write into '${path.dirname(file)}': ${folder === null ? 'no such folder' : 'not a folder'}`);
    if (diskSource.kind(target) === 'folder') fail(`'${file}' is a folder, not a file`);
    if (targets.some((t) => t.path === target)) fail(`another --output writes '${file}' too (one file holds one report)`);
    targets.push({ format: named as F, file, path: target });
  }
  return targets;
}

/**
 * A streaming command's --format and --output (`streamFormats`, the first the default): `json` is its
 * first format too (scan: NDJSON lines of the JSON report); a report format it does not write is bad usage.
 */
function readStream(raw: Record<string, unknown>, streamFormats: readonly string[], formatGiven: boolean, cwd: string): StreamOptions {
  const given = String(raw['format'] ?? 'text');
  const first = streamFormats[0] as string;
  const format = !formatGiven || given === 'json' ? first : given;
  if (!streamFormats.includes(format)) throw new UsageError(`--format must be one of ${streamFormats.join(', ')} for this command (got '${given}')`);
  const values = Array.isArray(raw['output']) ? (raw['output'] as string[]) : [];
  return { format, output: parseTargets(values, format, cwd, streamFormats), failOnGiven: raw['failOn'] !== undefined };
}

/**
 * Validate the raw commander values into GlobalOptions; bad values are usage errors (exit 2). `cwd`
 * resolves --output files. `stream`: the line formats of a command that writes its own lines (scan)
 * and whether --format was typed.
 */
export function readGlobalOptions(raw: Record<string, unknown>, color: boolean, cwd: string, stream?: { formats: readonly string[]; formatGiven: boolean }): GlobalOptions {
  if (stream !== undefined) {
    const options = readGlobalOptions({ ...raw, format: 'json', output: [] }, false, cwd);
    return { ...options, stream: readStream(raw, stream.formats, stream.formatGiven, cwd) };
  }
  const format = String(raw['format'] ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${format}')`);
  const failOnRaw = raw['failOn'] === undefined ? 'error' : String(raw['failOn']);
  if (!FAIL_ON.includes(failOnRaw as FailOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got '${failOnRaw}')`);
  const timeout = wholeNumberOption(raw['timeout'] ?? DEFAULT_TIMEOUT_MS, '--timeout', 1, 600000, ' of milliseconds');
  const list = (key: string): string[] => (Array.isArray(raw[key]) ? (raw[key] as string[]) : []);
  const ignore = parseIgnoreList(list('ignore'));
  return {
    zone: list('zone'),
    overlay: list('overlay'),
    view: typeof raw['view'] === 'string' ? raw['view'] : null,
    resolver: list('resolver'),
    doh: typeof raw['doh'] === 'string' ? raw['doh'] : null,
    timeout,
    format,
    failOn: failOnRaw as FailOn,
    ignore,
    config: typeof raw['config'] === 'string' ? raw['config'] : null,
    quiet: raw['quiet'] === true,
    verbose: raw['verbose'] === true,
    color: color && format === 'text',
    output: parseOutputTargets(list('output'), format, cwd),
  };
}
