import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const SRC = resolve(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Module specifiers of static imports/exports, dynamic import() and require(). */
function importedModules(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[1] ?? ''));
}

const files = sourceFiles(SRC).map((path) => ({
  path,
  rel: relative(SRC, path).split(sep).join('/'),
  modules: importedModules(readFileSync(path, 'utf8')),
}));

describe('import boundaries (docs/architecture.md)', () => {
  it('finds the source files and their imports', () => {
    const core = files.filter((f) => f.rel.startsWith('core/'));
    assert.ok(core.length >= 20, `only ${core.length} files under src/core`);
    assert.ok(
      files.some((f) => f.modules.includes('vscode')),
      'no vscode import found at all',
    );
  });

  it('the import scanner sees every import form', () => {
    assert.deepEqual(
      importedModules(
        [
          "import * as vscode from 'vscode';",
          'import type { EC2Client } from "@aws-sdk/client-ec2";',
          "import {\n  a,\n  b,\n} from '@smithy/core';",
          "export { x } from './x';",
          "import './side-effect';",
          "const sdk = await import('./sdk');",
          "const fs = require('node:fs');",
        ].join('\n'),
      ),
      ['vscode', '@aws-sdk/client-ec2', '@smithy/core', './x', './side-effect', './sdk', 'node:fs'],
    );
  });

  it('nothing under src/core imports vscode', () => {
    const offenders = files
      .filter((f) => f.rel.startsWith('core/'))
      .filter((f) => f.modules.some((m) => m === 'vscode' || m.startsWith('vscode/')))
      .map((f) => f.rel);
    assert.deepEqual(offenders, []);
  });

  it('only src/core/aws imports @aws-sdk/* or @smithy/*', () => {
    const offenders = files
      .filter((f) => !f.rel.startsWith('core/aws/'))
      .flatMap((f) =>
        f.modules
          .filter((m) => m.startsWith('@aws-sdk/') || m.startsWith('@smithy/'))
          .map((m) => `${f.rel}: ${m}`),
      );
    assert.deepEqual(offenders, []);
  });

  it('src/core depends on nothing outside src/core (dependencies point inward)', () => {
    const offenders = files
      .filter((f) => f.rel.startsWith('core/'))
      .flatMap((f) =>
        f.modules
          .filter((m) => m.startsWith('.'))
          .filter((m) => !resolve(join(f.path, '..'), m).startsWith(join(SRC, 'core') + sep))
          .map((m) => `${f.rel}: ${m}`),
      );
    assert.deepEqual(offenders, []);
  });
});
