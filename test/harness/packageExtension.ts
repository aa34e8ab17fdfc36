import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './codeServerInstall';

/** vsce's command-line entry point, from the repository's devDependencies. */
const VSCE = join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/**
 * Packages an already built extension into a .vsix as `vsce package --no-dependencies` does, but
 * without its `vscode:prepublish` script: that script rebuilds dist/ in place, under the feet of
 * every other run that uses the build. vsce runs on a staging copy with the scripts removed from
 * package.json; the copy holds the top-level entries that .vscodeignore lets in, and vsce applies
 * .vscodeignore itself, so the package has exactly the files a published one would (and vsce does
 * not have to walk node_modules and .vscode-test first). Relative links in the README stay as written,
 * as with `npm run package`: its screenshots are left out of the package, and the repository URL is
 * a placeholder vsce cannot rewrite them against. Returns `vsixPath`.
 */
export async function packageExtension(extensionDir: string, vsixPath: string): Promise<string> {
  const staging = mkdtempSync(join(tmpdir(), 'amih-vsix-'));
  try {
    for (const entry of packagedTopLevelEntries(
      readFileSync(join(extensionDir, '.vscodeignore'), 'utf8'),
    )) {
      cpSync(join(extensionDir, entry), join(staging, entry), { recursive: true });
    }
    cpSync(join(extensionDir, '.vscodeignore'), join(staging, '.vscodeignore'));
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    delete manifest.scripts;
    writeFileSync(join(staging, 'package.json'), JSON.stringify(manifest, null, 2));
    mkdirSync(dirname(vsixPath), { recursive: true });
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        [VSCE, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsixPath],
        { cwd: staging },
        (error, stdout, stderr) =>
          error
            ? reject(new Error(`vsce package failed: ${error.message}\n${stdout}${stderr}`))
            : resolve(),
      );
    });
    return vsixPath;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The top-level files and folders a .vscodeignore of the form "ignore everything (`**`), then let
 * in (`!path`)" lets into the package, package.json aside (written separately).
 */
export function packagedTopLevelEntries(vscodeignore: string): string[] {
  const rules = vscodeignore
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (rules[0] !== '**') {
    throw new Error('.vscodeignore must start with "**" and let files in with "!" lines');
  }
  const entries = new Set<string>();
  for (const rule of rules.slice(1)) {
    if (!rule.startsWith('!')) continue;
    const top = rule.slice(1).replace(/^\//, '').split('/')[0] ?? '';
    if (top === '' || /[*?[\]{}]/.test(top)) {
      throw new Error(`cannot tell which top-level entry "${rule}" lets in; name it explicitly`);
    }
    if (top !== 'package.json') entries.add(top);
  }
  return [...entries].sort();
}
