// Which sending profiles belong to an audited domain: those whose From domain is the domain or
// below it. profileIndex answers the same as profilesFor, for many domains at once.
import { describe, expect, test } from 'vitest';
import { profileFromOptions } from '../../src/profile/from-options.js';
import { profileIndex, profilesFor } from '../../src/audit/profiles.js';

const profile = (name: string, from: string) => profileFromOptions({ name, from: `news@${from}`, ip: ['192.0.2.10'] });

const profiles = [
  profile('apex', 'example.test'),
  profile('sub', 'mail.Example.test'),
  profile('deep', 'a.b.example.test'),
  profile('other', 'example.org'),
  profile('lookalike', 'badexample.test'),
  profile('apex-again', 'EXAMPLE.TEST'),
];

describe('profiles of a domain', () => {
  test.each([
    ['example.test', ['apex', 'sub', 'deep', 'apex-again']],
    ['b.example.test', ['deep']],
    ['mail.example.test', ['sub']],
    ['test', ['apex', 'sub', 'deep', 'lookalike', 'apex-again']],
    ['example.org', ['other']],
    ['nothing.test', []],
  ])('%s: %j, in the order given', (domain, names) => {
    expect(profilesFor(domain, profiles).map((p) => p.name)).toEqual(names);
    expect(profileIndex(profiles)(domain).map((p) => p.name)).toEqual(names);
  });

  test('the index is case-insensitive and ignores a trailing dot, like profilesFor', () => {
    const index = profileIndex(profiles);
    expect(index('Example.Test.').map((p) => p.name)).toEqual(profilesFor('Example.Test.', profiles).map((p) => p.name));
  });
});
