// The root of the git checkout the run is in, for report paths that GitLab resolves against the
// repository (Code Quality `location.path`). Asked of git itself (`git rev-parse --show-cdup`: the
// way up from the working folder), so worktrees and submodules are right; the working folder when
// it is not in a checkout or git is not installed. --show-cdup rather than --show-toplevel: the
// root is built from the working folder as the run spells it, so a working folder reached through
// a symbolic link still contains its zone files' paths (--show-toplevel gives the real path).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export function repositoryRoot(cwd: string): string {
  try {
    const up = execFileSync('git', ['rev-parse', '--show-cdup'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10000 });
    return path.resolve(cwd, up.trim());
  } catch {
    // not a checkout, no git, or a bare repository: paths stay relative to the working folder
    return cwd;
  }
}
