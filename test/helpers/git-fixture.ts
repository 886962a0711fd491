// Git repositories built by the tests in a temporary folder, deterministic: fixed author and
// committer names and dates, no system or user git config, no repository above the folder
// (GIT_CEILING_DIRECTORIES). git runs with argument arrays; nothing leaves the machine.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface GitSandbox {
  /** The temporary folder (a real path) that holds every repository of the test. */
  root: string;
  /** The environment for git and for the CLI: PATH, a private HOME, no git config, the ceiling. */
  env: NodeJS.ProcessEnv;
  git(cwd: string, args: string[], date?: string): string;
  /** Write files (path → text; null removes it) under `repo`, creating folders. */
  write(repo: string, files: Record<string, string | null>): void;
  /** Stage everything and commit with the given date (ISO 8601, UTC); returns the commit id. */
  commit(repo: string, message: string, date: string): string;
  remove(): void;
}

export function gitSandbox(): GitSandbox {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'authaudit-git-')));
  mkdirSync(path.join(root, 'home'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '',
    HOME: path.join(root, 'home'),
    NO_COLOR: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(root, 'home', 'gitconfig'),
    GIT_CEILING_DIRECTORIES: root,
    GIT_AUTHOR_NAME: 'Zone Keeper',
    GIT_AUTHOR_EMAIL: 'zones@example.com',
    GIT_COMMITTER_NAME: 'Zone Keeper',
    GIT_COMMITTER_EMAIL: 'zones@example.com',
  };
  writeFileSync(env['GIT_CONFIG_GLOBAL'] as string, '');
  const git = (cwd: string, args: string[], date?: string): string =>
    execFileSync('git', args, {
      cwd,
      env: date === undefined ? env : { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  return {
    root,
    env,
    git,
    write(repo, files) {
      for (const [file, text] of Object.entries(files)) {
        const full = path.join(repo, file);
        if (text === null) rmSync(full, { recursive: true, force: true });
        else {
          mkdirSync(path.dirname(full), { recursive: true });
          writeFileSync(full, text);
        }
      }
    },
    commit(repo, message, date) {
      git(repo, ['add', '-A']);
      git(repo, ['commit', '-q', '--allow-empty', '-m', message], date);
      return git(repo, ['rev-parse', 'HEAD']);
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The zones repository the diff tests use: its folder and the commits, by what they hold. */
export interface ZoneRepository {
  repo: string;
  /** Commit 1: a README, no zones (tag v1). */
  noZones: string;
  /**
   * Commit 2: zones/ kept as BIND keeps them (tag v2): named.conf.local with `directory` and the zone
   * statements (one absolute path), db.example.com ($ORIGIN, an $INCLUDE of includes/spf.inc relative
   * to the directory) and db.old.example.
   */
  zonesAdded: string;
  /** Commit 3 (main, checked out): example.com's SPF past 10 lookups, old.example removed, new.example added, the config (tag v3). */
  changed: string;
  /** On the branch `bad-relay` (tag broken): commit 3 with a bad record in the included file, line 4. */
  broken: string;
}

const SOA = (serial: number): string => `@       IN SOA ns1 hostmaster ${serial} 7200 900 1209600 300
@       IN NS  ns1
ns1     IN A   192.0.2.53
`;

const EXAMPLE_COM = `; example.com: mail on mx, SPF hosts kept in includes/spf.inc
$ORIGIN example.com.
$TTL 3600
${SOA(2024010201)}@       IN MX  10 mx
mx      IN A   192.0.2.25
@       IN TXT "v=spf1 include:_spf.example.com -all"
_dmarc  IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
$INCLUDE includes/spf.inc
www     IN A   192.0.2.80
`;

const SPF_ONE_HOST = `; the hosts example.com sends from
$ORIGIN _spf.example.com.
@       IN TXT "v=spf1 ip4:192.0.2.0/28 -all"
`;

const includes = (from: number, to: number): string =>
  Array.from({ length: to - from + 1 }, (_, i) => `include:s${from + i}._spf.example.com`).join(' ');

/** _spf includes ten more hosts: with the apex's include, 11 DNS lookups (RFC 7208 §4.6.4: at most 10). */
const SPF_ELEVEN_LOOKUPS = `; the hosts example.com sends from: one include per service (two strings: each at most 255 bytes)
$ORIGIN _spf.example.com.
@       IN TXT "v=spf1 ${includes(1, 5)} " "${includes(6, 10)} -all"
${Array.from({ length: 10 }, (_, i) => `s${i + 1}      IN TXT "v=spf1 ip4:192.0.2.${i + 16} -all"`).join('\n')}
`;

const SPF_BROKEN = `; the hosts example.com sends from
$ORIGIN _spf.example.com.
@       IN TXT "v=spf1 ip4:192.0.2.0/28 -all"
relay   IN A   192.0.2.300
`;

const mailZone = (serial: number, net: string) => `$TTL 3600
${SOA(serial)}@       IN MX  10 mx
mx      IN A   ${net}.25
@       IN TXT "v=spf1 ip4:${net}.0/24 -all"
_dmarc  IN TXT "v=DMARC1; p=reject"
`;

/** named.conf.local as the server has it: paths as named sees them, relative ones from `directory`. */
const namedConf = (zones: readonly string[]): string => `options { directory "/etc/bind/zones"; };
${zones.map((z) => (z === 'old.example' ? `zone "${z}" { type primary; file "/etc/bind/zones/db.${z}"; };` : `zone "${z}" { type primary; file "db.${z}"; };`)).join('\n')}
`;

/** Build the zones repository (see ZoneRepository) under the sandbox, in `name`. */
export function zoneRepository(box: GitSandbox, name = 'zones-repo'): ZoneRepository {
  const repo = path.join(box.root, name);
  mkdirSync(repo);
  box.git(repo, ['-c', 'init.defaultBranch=main', 'init', '-q']);
  box.write(repo, { 'README.md': '# DNS\n', 'docs/README.md': 'How we keep the zones.\n' });
  const noZones = box.commit(repo, 'Start the DNS repository', '2024-01-01T00:00:00Z');
  box.git(repo, ['tag', 'v1']);
  box.write(repo, {
    'zones/named.conf.local': namedConf(['example.com', 'old.example']),
    'zones/db.example.com': EXAMPLE_COM,
    'zones/includes/spf.inc': SPF_ONE_HOST,
    'zones/db.old.example': mailZone(2024010201, '198.51.100'),
  });
  const zonesAdded = box.commit(repo, 'Keep the zones in the repository', '2024-01-02T00:00:00Z');
  box.git(repo, ['tag', 'v2']);
  box.write(repo, {
    'zones/includes/spf.inc': SPF_ELEVEN_LOOKUPS,
    'zones/named.conf.local': namedConf(['example.com', 'new.example']),
    'zones/db.old.example': null,
    'zones/db.new.example': mailZone(2024010301, '203.0.113'),
    'authaudit.config.json': '{ "zones": ["zones"] }\n',
  });
  const changed = box.commit(repo, 'Ten sending services; old.example goes, new.example comes', '2024-01-03T00:00:00Z');
  box.git(repo, ['tag', 'v3']);
  box.git(repo, ['checkout', '-q', '-b', 'bad-relay']);
  box.write(repo, { 'zones/includes/spf.inc': SPF_BROKEN });
  const broken = box.commit(repo, 'A relay with a bad address', '2024-01-04T00:00:00Z');
  box.git(repo, ['tag', 'broken']);
  box.git(repo, ['checkout', '-q', 'main']);
  return { repo, noZones, zonesAdded, changed, broken };
}

/** The text of the included SPF file at commit 2 (what the base must read, not the working tree's). */
export const SPF_AT_COMMIT_2 = SPF_ONE_HOST;
