// Find, read, parse and validate the config file, and check that the zone paths it names are
// there. Problems are reported as a ConfigError (a UsageError: exit 2) whose message names
// file:line:column and the JSON path of each problem.
import { fileErrorReason as readErrorReason } from '../zone/file-source.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../model/usage-error.js';
import { readJson } from '../model/json-source.js';
import { unreadableZonePaths } from './check-paths.js';
import { jsonPlace, jsonSyntaxProblem, placeJsonIssues, type JsonIssue } from '../model/json-problems.js';
import { validateConfig } from './validate.js';
import { CONFIG_FILE_NAME, type AuthauditConfig } from './types.js';

export class ConfigError extends UsageError {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly file: string,
    /** One line per problem: `file:line:column: $.path: message`. */
    readonly problems: readonly string[],
  ) {
    super(message);
  }
}

export type ConfigParseResult = { ok: true; config: AuthauditConfig } | { ok: false; problems: string[] };

type PlacedParse = { ok: true; config: AuthauditConfig; place: (issues: readonly JsonIssue[]) => string[] } | { ok: false; problems: string[] };

/** parseConfigText, keeping the document so that later problems can be placed in it too. */
function parseConfigDocument(text: string, file: string, shown: string): PlacedParse {
  const read = readJson(text);
  if (!read.ok) return { ok: false, problems: [jsonSyntaxProblem(text, shown, read.offset, read.message)] };
  const checked = validateConfig(read.source.value, file, (at) => jsonPlace(text, read.source, shown, at));
  // in file order, so the list reads top to bottom like the file
  const place = (issues: readonly JsonIssue[]): string[] => placeJsonIssues(text, read.source, shown, issues);
  return checked.ok ? { ok: true, config: checked.config, place } : { ok: false, problems: place(checked.issues) };
}

/**
 * Parse and validate config text. `file` anchors relative paths (resolved against the working
 * folder when relative); `shown` names the file in messages (default: `file`).
 */
export function parseConfigText(text: string, file: string, shown: string = file): ConfigParseResult {
  const parsed = parseConfigDocument(text, file, shown);
  return parsed.ok ? { ok: true, config: parsed.config } : parsed;
}

function badConfig(shown: string, file: string, problems: string[]): ConfigError {
  const n = problems.length;
  return new ConfigError(`config file ${shown} has ${n} problem${n === 1 ? '' : 's'}:\n${problems.map((p) => `  ${p}`).join('\n')}`, file, problems);
}

/** `authaudit.config.json` in `cwd` when it exists (the working folder only; no search upwards). */
export async function findConfigFile(cwd: string): Promise<string | null> {
  const candidate = path.join(cwd, CONFIG_FILE_NAME);
  try {
    return (await stat(candidate)).isFile() ? candidate : null;
  } catch {
    return null;
  }
}

export interface LoadConfigOptions {
  cwd: string;
  /** `--config FILE`; when given, the file must exist. */
  explicit: string | null;
}

/**
 * The config, or null when there is none. Throws ConfigError for a missing --config file, a bad
 * one, or `zone`/`overlay` paths that cannot be read (each placed at its line and column).
 */
export async function loadConfig(options: LoadConfigOptions): Promise<AuthauditConfig | null> {
  const file = options.explicit !== null ? path.resolve(options.cwd, options.explicit) : await findConfigFile(options.cwd);
  if (file === null) return null;
  const shown = path.relative(options.cwd, file) || file;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const reason = readErrorReason(err);
    throw new ConfigError(`config file ${shown}: ${reason}`, file, [`${shown}: ${reason}`]);
  }
  const parsed = parseConfigDocument(text, file, shown);
  if (!parsed.ok) throw badConfig(shown, file, parsed.problems);
  const unreadable = await unreadableZonePaths(parsed.config, options.cwd);
  if (unreadable.length > 0) throw badConfig(shown, file, parsed.place(unreadable));
  return parsed.config;
}
