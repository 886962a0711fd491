// When no DNS server answers, the person at the terminal gets one line naming the servers asked and
// exit 3, not a report blaming the domain for every unanswered question; JSON keeps the typed failures.
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/run-cli.js';

// loopback ports nobody listens on: every question is refused or times out
const DEAD = ['--resolver', '127.0.0.1:9', '--resolver', '[::1]:9', '--timeout', '300'];

describe('DNS unusable (built command)', () => {
  it('text: one line naming the servers asked, exit 3, no report', async () => {
    const run = await runBuiltCli(['shop.example', ...DEAD]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('authaudit: DNS unusable: no answer from 127.0.0.1:9, [::1]:9 to any question (see --resolver, --doh, --timeout)\n');
  });

  it('JSON: the report with its typed failures, for machines, and the same line and exit code', async () => {
    const run = await runBuiltCli(['dmarc', 'shop.example', ...DEAD, '--format', 'json']);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ command: 'dmarc' });
    expect(run.stderr).toContain('authaudit: DNS unusable: no answer from 127.0.0.1:9, [::1]:9');
  });
});
