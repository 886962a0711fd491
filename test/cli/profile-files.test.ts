// --profile FILE may be repeated; stream names must differ across the files, as inside one,
// because each prediction is reported under its stream's name.
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const DEMO = ['--zone', 'fixtures/demo'];
const PROFILES = 'fixtures/demo/profiles.json';

describe('two --profile files naming the same stream', () => {
  test.each([
    ['predict', ['predict', ...DEMO, '--profile', PROFILES, '--profile', PROFILES]],
    ['audit', ['audit', ...DEMO, '--profile', PROFILES, '--profile', PROFILES, 'northwind.example']],
  ])('%s: exit 2, the name and both files named, no stack trace', async (_command, args) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('two profiles are named "northwind"');
    expect(run.stderr).toContain(`${PROFILES}, ${PROFILES}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('audit with one profile file is fine', async () => {
    const run = await runCli(['audit', ...DEMO, '--profile', PROFILES, '--format', 'json', 'northwind.example']);
    expect(run.code).toBe(0);
  });
});
