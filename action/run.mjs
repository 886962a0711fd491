// The GitHub Action's one step (action.yml runs `node action/run.mjs` in the workspace): find the
// base commit, fetch it when the checkout does not have it (actions/checkout clones one commit),
// run `authaudit diff --base-ref BASE --head ZONES` once with a Markdown, a SARIF and a JSON report,
// and set the step's outputs. Everything it reads comes from the environment (INPUT_* as action.yml
// passes them, GITHUB_* as the runner sets them), so it runs the same outside GitHub: the tests
// give it a temporary GITHUB_OUTPUT and a pull_request event file (test/action/run-action.test.ts).
//
// Outputs (GITHUB_OUTPUT; printed as name=value when it is not set):
//   exit-status   authaudit's exit status: 0 nothing introduced at or above fail-on, 1 introduced,
//                 2 bad input (also: no base commit, or one that cannot be fetched), 3 DNS unusable
//   error         why there is no report ('' when there are reports)
//   markdown, sarif, json   the report paths, set only when the file exists and is not empty
//   introduced, resolved    how many findings the change introduces and resolves (from the JSON report)
//   base-commit   the commit the zones were compared with
// The step's own exit status is authaudit's. A report is never left empty: the reports of an
// earlier run in the same folder are removed first, authaudit writes each one whole or not at all
// (src/cli/write-files.ts), and an empty file would be removed and reported as an error.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/authaudit.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const env = process.env;

/** An input as action.yml passes it: INPUT_BASE_REF for `base-ref`. */
const input = (name) => (env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();

class ActionError extends Error {}

/**
 * Words as a shell splits them, without expansion: blanks and new lines separate, '…' is literal,
 * "…" takes \" and \\, and a backslash outside quotes escapes the next character.
 */
function splitWords(text, what) {
  const words = [];
  let word = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new ActionError(`the ${what} input has an unterminated ${c} quote`);
      const quoted = text.slice(i + 1, end);
      word = (word ?? '') + (c === '"' ? quoted.replace(/\\(["\\])/g, '$1') : quoted);
      i = end;
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}

function git(args) {
  const run = spawnSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.error) throw new ActionError(`cannot run git: ${run.error.message}`);
  return { ok: run.status === 0, status: run.status, stdout: run.stdout.trim(), stderr: run.stderr.trim() };
}

const commitOf = (ref) => {
  const run = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return run.ok ? run.stdout : null;
};

/** The base as the inputs or the event name it: the base-ref input, else the pull request's base commit. */
function chooseBase() {
  const given = input('base-ref');
  if (given !== '') return { ref: given, from: 'the base-ref input' };
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath && existsSync(eventPath)) {
    let event;
    try {
      event = JSON.parse(readFileSync(eventPath, 'utf8'));
    } catch (err) {
      throw new ActionError(`cannot read the event file ${eventPath}: ${err.message}`);
    }
    const sha = event?.pull_request?.base?.sha ?? event?.merge_group?.base_sha;
    if (typeof sha === 'string' && sha !== '') return { ref: sha, from: "the pull request's base commit" };
    // a push: the commit the branch pointed at before (all zeros when the branch is new)
    if (typeof event?.before === 'string' && !/^0+$/.test(event.before)) return { ref: event.before, from: "the push's previous commit" };
  }
  if (env.GITHUB_BASE_REF) return { ref: env.GITHUB_BASE_REF, from: 'GITHUB_BASE_REF' };
  throw new ActionError(
    `no base to compare with: the ${env.GITHUB_EVENT_NAME || 'current'} event names no pull request base commit; set the base-ref input`,
  );
}

/** The base commit, fetched from origin when the clone does not have it. */
function baseCommit(base) {
  if (!git(['rev-parse', '--git-dir']).ok) throw new ActionError(`${process.cwd()} is not a git checkout: check the repository out first (actions/checkout)`);
  const present = commitOf(base.ref);
  if (present !== null) return { ref: base.ref, commit: present };
  const shallow = git(['rev-parse', '--is-shallow-repository']).stdout === 'true';
  console.log(`authaudit: fetching the base ${base.ref} (${base.from}) from origin${shallow ? ': the checkout is shallow' : ''}`);
  const fetch = git(['fetch', '--no-tags', ...(shallow ? ['--depth=1'] : []), 'origin', base.ref]);
  if (!fetch.ok) {
    const why = fetch.stderr.split('\n').filter(Boolean).pop() ?? `git fetch exited with status ${fetch.status}`;
    throw new ActionError(`the base ${base.ref} (${base.from}) is not in the clone and cannot be fetched from origin: ${why}`);
  }
  const fetched = commitOf(base.ref);
  if (fetched !== null) return { ref: base.ref, commit: fetched };
  // a branch or tag name fetched into FETCH_HEAD only: compare with the commit it named
  const head = commitOf('FETCH_HEAD');
  if (head === null) throw new ActionError(`git fetched ${base.ref} but has no commit for it`);
  return { ref: head, commit: head };
}

function runAuthaudit(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', (err) => resolve({ status: 70, stderr: `authaudit: cannot start: ${err.message}\n` }));
    child.on('close', (status, signal) => resolve({ status: status ?? 70, stderr: signal ? `${stderr}authaudit: stopped by ${signal}\n` : stderr }));
  });
}

/** The report, when it is there and not empty; an empty one is removed. */
function reportFile(file) {
  if (!existsSync(file)) return null;
  if (statSync(file).size > 0) return file;
  rmSync(file, { force: true });
  return null;
}

const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

function setOutputs(outputs) {
  const lines = [];
  for (const [name, value] of Object.entries(outputs)) {
    const text = String(value ?? '');
    if (!text.includes('\n')) lines.push(`${name}=${text}`);
    else {
      const delimiter = `authaudit_${randomUUID()}`;
      lines.push(`${name}<<${delimiter}`, text, delimiter);
    }
  }
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${lines.join('\n')}\n`);
  else console.log(lines.join('\n'));
}

function summary(text) {
  if (env.GITHUB_STEP_SUMMARY && input('step-summary') !== 'false') appendFileSync(env.GITHUB_STEP_SUMMARY, `${text}\n`);
}

async function main() {
  const outputs = { 'exit-status': '', error: '', markdown: '', sarif: '', json: '', introduced: '', resolved: '', 'base-commit': '' };
  const dir = path.resolve(input('report-dir') || path.join(env.RUNNER_TEMP || tmpdir(), 'authaudit'));
  const files = { markdown: path.join(dir, 'authaudit.md'), sarif: path.join(dir, 'authaudit.sarif'), json: path.join(dir, 'authaudit.json') };
  const fail = (message, status = 2) => {
    outputs['exit-status'] = String(status);
    outputs.error = message;
    console.log(`::error title=authaudit::${escapeData(message)}`);
    summary(`**authaudit could not review this change:** ${message}`);
    setOutputs(outputs);
    return status;
  };
  try {
    // reports of an earlier run in this folder must not pass for this run's
    mkdirSync(dir, { recursive: true });
    for (const file of Object.values(files)) rmSync(file, { force: true });
    if (!existsSync(BUILT)) throw new ActionError(`authaudit is not built: run \`npm ci && npm run build\` in ${path.dirname(path.dirname(BUILT))}`);
    const zones = splitWords(input('zones'), 'zones');
    const extra = splitWords(input('args'), 'args');
    const failOn = input('fail-on');
    const config = input('config');
    const base = baseCommit(chooseBase());
    outputs['base-commit'] = base.commit;

    const args = ['diff', '--base-ref', base.ref, ...zones.flatMap((z) => ['--head', z])];
    if (failOn !== '') args.push('--fail-on', failOn);
    if (config !== '') args.push('--config', config);
    for (const [format, file] of Object.entries(files)) args.push('--output', `${format}=${file}`);
    args.push(...extra);
    console.log(`authaudit ${args.join(' ')}`);
    const run = await runAuthaudit(args);

    const written = Object.fromEntries(Object.entries(files).map(([format, file]) => [format, reportFile(file)]));
    if (Object.values(written).some((f) => f === null)) {
      for (const f of Object.values(written)) if (f !== null) rmSync(f, { force: true });
      const said = run.stderr.split('\n').filter((l) => l.startsWith('authaudit: ')).pop();
      return fail(said ?? `authaudit exited with status ${run.status} without writing its reports`, run.status === 0 || run.status === 1 ? 70 : run.status);
    }
    summary(readFileSync(written.markdown, 'utf8'));
    const report = JSON.parse(readFileSync(written.json, 'utf8'));
    Object.assign(outputs, written, {
      'exit-status': String(run.status),
      introduced: String(report.findings.length),
      resolved: String(report.resolved.length),
    });
    if (run.status === 1) console.log('::error title=authaudit::This DNS change introduces findings at or above the fail-on level (see the report)');
    setOutputs(outputs);
    return run.status;
  } catch (err) {
    if (err instanceof ActionError) return fail(err.message);
    return fail(`internal error: ${err instanceof Error ? err.stack : String(err)}`, 70);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
