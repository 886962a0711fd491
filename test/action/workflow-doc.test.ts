// docs/github-actions.md's workflow is meant to run as written: it uses the action with inputs and
// outputs action.yml declares, pins every action by commit, guards every step after the review with
// always() and a check that its report is there, and its comment step (run here with a stand-in for
// the GitHub API) posts one comment per pull request and updates it on the next push.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/run-cli.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

const DOC = readFileSync(path.join(REPO_ROOT, 'docs/github-actions.md'), 'utf8');
const WORKFLOW_TEXT = /```yaml\n(# \.github\/workflows\/[^\n]*\n[\s\S]*?)```/.exec(DOC)?.[1] ?? '';
const WORKFLOW = parse(WORKFLOW_TEXT) as Workflow;
const STEPS = Object.values(WORKFLOW.jobs)[0]?.steps ?? [];
const ACTION = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
const REVIEW = STEPS.findIndex((s) => s.uses?.startsWith('<owner>/authaudit@'));

describe('the workflow in docs/github-actions.md', () => {
  it('asks for the permissions the comment and the SARIF upload need, and no more', () => {
    expect(WORKFLOW.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', 'security-events': 'write', actions: 'read' });
  });

  it('uses the action pinned by commit, with inputs and outputs action.yml declares', () => {
    const review = STEPS[REVIEW] as Step;
    expect(review.uses).toBe('<owner>/authaudit@<commit SHA>');
    for (const input of Object.keys(review.with ?? {})) expect(Object.keys(ACTION.inputs)).toContain(input);
    const used = [...WORKFLOW_TEXT.matchAll(/steps\.authaudit\.outputs\.([\w-]+)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const output of used) expect(Object.keys(ACTION.outputs)).toContain(output);
  });

  it('pins every other action by a full commit SHA, the version in a comment', () => {
    const uses = WORKFLOW_TEXT.split('\n').filter((l) => /^\s*(- )?uses: /.test(l) && !l.includes('<owner>/authaudit'));
    expect(uses.length).toBe(3);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    expect(WORKFLOW_TEXT).toContain('github/codeql-action/upload-sarif@');
    expect(WORKFLOW_TEXT).toMatch(/upload-sarif@[0-9a-f]{40} # v4\./);
  });

  it('runs every step after the review with always(), and only when its report (or the error) is there', () => {
    const after = STEPS.slice(REVIEW + 1);
    expect(after.length).toBe(2);
    for (const step of after) expect(step.if).toMatch(/^always\(\) && .*steps\.authaudit\.outputs\.(markdown|sarif) != ''/);
  });
});

describe('its comment step, run against a stand-in for the GitHub API', () => {
  const commentStep = STEPS.find((s) => s.uses?.startsWith('actions/github-script@')) as Step;
  const script = commentStep.with?.['script'] ?? '';
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'authaudit-comment-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  interface Comment {
    id: number;
    body: string;
    user: { login: string };
  }

  /** Run the step's script as actions/github-script does (an async function of require, github, context). */
  async function post(comments: Comment[], env: { REPORT: string; ERROR: string }): Promise<string[]> {
    const calls: string[] = [];
    const list = async () => comments;
    const github = {
      paginate: async (fn: unknown) => (fn === list ? comments : []),
      rest: {
        issues: {
          listComments: list,
          createComment: async (p: { issue_number: number; body: string }) => {
            calls.push(`create on #${p.issue_number}`);
            comments.push({ id: comments.length + 1, body: p.body, user: { login: 'github-actions[bot]' } });
          },
          updateComment: async (p: { comment_id: number; body: string }) => {
            calls.push(`update ${p.comment_id}`);
            (comments.find((c) => c.id === p.comment_id) as Comment).body = p.body;
          },
        },
      },
    };
    const context = { repo: { owner: 'acme', repo: 'dns' }, issue: { number: 7 } };
    const saved = { REPORT: process.env['REPORT'], ERROR: process.env['ERROR'] };
    Object.assign(process.env, env);
    try {
      const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
      await new AsyncFunction('require', 'github', 'context', script)(createRequire(import.meta.url), github, context);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    return calls;
  }

  it('posts the report once, then updates that comment; a comment someone else wrote with the marker is left alone', async () => {
    const report = path.join(dir, 'authaudit.md');
    writeFileSync(report, '## authaudit: DNS change review\n\nThis change introduces 1 finding and resolves 3.\n');
    const marker = /const marker = '([^']+)'/.exec(script)?.[1] as string;
    const comments: Comment[] = [{ id: 1, body: `${marker}\nquoted by a reviewer`, user: { login: 'reviewer' } }];
    expect(await post(comments, { REPORT: report, ERROR: '' })).toEqual(['create on #7']);
    writeFileSync(report, '## authaudit: DNS change review\n\nThis change introduces no findings and resolves 3.\n');
    expect(await post(comments, { REPORT: report, ERROR: '' })).toEqual(['update 2']);
    expect(comments.map((c) => c.body)).toEqual([
      `${marker}\nquoted by a reviewer`,
      `${marker}\n## authaudit: DNS change review\n\nThis change introduces no findings and resolves 3.\n`,
    ]);
  });

  it('when the review wrote no report, the comment says why', async () => {
    const comments: Comment[] = [];
    expect(await post(comments, { REPORT: '', ERROR: "authaudit: --head: cannot read 'zones': no such file or folder" })).toEqual(['create on #7']);
    expect(comments[0]?.body).toContain("authaudit could not review this change: authaudit: --head: cannot read 'zones': no such file or folder");
  });
});
