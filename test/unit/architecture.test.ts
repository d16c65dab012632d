// The layers of ARCHITECTURE.md, enforced: every import in server/src and client/src is read (with
// TypeScript's own pre-processor, so `import type`, `export ... from`, `require()` and `import()` all count)
// and checked against the table below, which ARCHITECTURE.md must show word for word.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { ALL_RULES } from '../../server/src/analyzer';
import { REPO_ROOT } from '../helpers';

type PackageGroup = 'LSP' | 'file system';

interface Layer {
  /** A folder (ends with `/`) or a file, relative to the repository. */
  module: string;
  /** The other modules of this table it may import (by their `module`). */
  mayImport: string[];
  /** Packages it must not import. */
  mustNotImport: PackageGroup[];
  /** Files of the folder (base names) that may import those packages all the same. */
  except?: string[];
}

const SERVER = 'server/src/';

/** Who may import whom: lower layers first. Everything not listed as allowed is forbidden. */
const LAYERS: Layer[] = [
  { module: `${SERVER}core/`, mayImport: [], mustNotImport: ['LSP', 'file system'] },
  { module: `${SERVER}iam/`, mayImport: [`${SERVER}core/`], mustNotImport: ['LSP'] },
  { module: `${SERVER}ecs/`, mayImport: [`${SERVER}core/`], mustNotImport: ['LSP', 'file system'] },
  { module: `${SERVER}cloudformation/`, mayImport: [`${SERVER}core/`], mustNotImport: ['LSP', 'file system'] },
  { module: `${SERVER}roles/`, mayImport: [`${SERVER}core/`, `${SERVER}ecs/`, `${SERVER}iam/`], mustNotImport: ['LSP', 'file system'] },
  {
    module: `${SERVER}rules/`,
    mayImport: [`${SERVER}core/`, `${SERVER}ecs/`, `${SERVER}iam/`, `${SERVER}roles/`, `${SERVER}cloudformation/`],
    mustNotImport: ['LSP', 'file system'],
  },
  {
    module: `${SERVER}features/`,
    mayImport: [`${SERVER}core/`, `${SERVER}ecs/`, `${SERVER}iam/`, `${SERVER}roles/`, `${SERVER}cloudformation/`],
    mustNotImport: ['LSP', 'file system'],
  },
  {
    module: `${SERVER}explain/`,
    mayImport: [`${SERVER}core/`, `${SERVER}ecs/`, `${SERVER}iam/`, `${SERVER}roles/`, `${SERVER}rules/`],
    mustNotImport: ['LSP', 'file system'],
  },
  { module: `${SERVER}presenters/`, mayImport: [`${SERVER}core/`, `${SERVER}features/`], mustNotImport: ['file system'] },
  {
    module: `${SERVER}workspace/`,
    mayImport: [`${SERVER}core/`, `${SERVER}roles/`, `${SERVER}explain/`],
    mustNotImport: ['LSP'],
    except: ['serverWorkspace.ts', 'roleCommands.ts', 'roleActions.ts', 'explainCommand.ts'],
  },
  {
    module: `${SERVER}lsp/`,
    mayImport: [`${SERVER}analyzer.ts`, `${SERVER}core/`, `${SERVER}presenters/`, `${SERVER}workspace/`],
    mustNotImport: ['file system'],
  },
  { module: `${SERVER}version.ts`, mayImport: [], mustNotImport: ['LSP', 'file system'] },
  { module: `${SERVER}analyzer.ts`, mayImport: [`${SERVER}core/`, `${SERVER}rules/`], mustNotImport: ['LSP', 'file system'] },
  {
    module: `${SERVER}server.ts`,
    mayImport: [
      `${SERVER}analyzer.ts`,
      `${SERVER}core/`,
      `${SERVER}features/`,
      `${SERVER}lsp/`,
      `${SERVER}presenters/`,
      `${SERVER}workspace/`,
      `${SERVER}version.ts`,
    ],
    mustNotImport: ['file system'],
  },
  { module: `${SERVER}nodeServer.ts`, mayImport: [`${SERVER}server.ts`, `${SERVER}version.ts`], mustNotImport: [] },
  {
    module: `${SERVER}browserServer.ts`,
    mayImport: [`${SERVER}iam/`, `${SERVER}server.ts`, `${SERVER}workspace/`],
    mustNotImport: ['file system'],
  },
  {
    module: `${SERVER}cliLint.ts`,
    mayImport: [`${SERVER}analyzer.ts`, `${SERVER}core/`, `${SERVER}iam/`, `${SERVER}presenters/`, `${SERVER}workspace/`],
    mustNotImport: ['LSP', 'file system'],
  },
  { module: `${SERVER}cliParallel.ts`, mayImport: [`${SERVER}cliLint.ts`, `${SERVER}presenters/`], mustNotImport: ['LSP', 'file system'] },
  {
    module: `${SERVER}cli.ts`,
    mayImport: [
      `${SERVER}analyzer.ts`,
      `${SERVER}cliExplain.ts`,
      `${SERVER}cliLint.ts`,
      `${SERVER}core/`,
      `${SERVER}presenters/`,
      `${SERVER}workspace/`,
      `${SERVER}version.ts`,
    ],
    mustNotImport: ['LSP'],
  },
  {
    module: `${SERVER}cliExplain.ts`,
    mayImport: [`${SERVER}analyzer.ts`, `${SERVER}core/`, `${SERVER}explain/`, `${SERVER}workspace/`],
    mustNotImport: ['LSP'],
  },
  { module: 'client/src/', mayImport: [], mustNotImport: [] },
];

const PACKAGE_GROUPS: Record<PackageGroup, RegExp> = {
  LSP: /^vscode(?:-languageserver(?:-[a-z]+)?|-languageclient|-jsonrpc)?(?:\/|$)/,
  'file system': /^(?:node:)?fs(?:\/|$)/,
};

/** The table as ARCHITECTURE.md shows it. */
function renderTable(): string {
  const name = (module: string) => `\`${module}\``;
  const rows = LAYERS.map((layer) => {
    const may = layer.mayImport.length ? layer.mayImport.map(name).join(', ') : '—';
    const except = layer.except ? ` (except ${layer.except.map(name).join(', ')})` : '';
    const mustNot = layer.mustNotImport.length ? `${layer.mustNotImport.join(', ')}${except}` : '—';
    return `| ${name(layer.module)} | ${may} | ${mustNot} |`;
  });
  return ['| Module | May import (besides itself) | Must not import (packages) |', '|---|---|---|', ...rows].join('\n');
}

function layerOf(file: string): Layer | undefined {
  const relative = path.relative(REPO_ROOT, file).split(path.sep).join('/');
  return LAYERS.find((layer) => (layer.module.endsWith('/') ? relative.startsWith(layer.module) : relative === layer.module));
}

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  (function walk(dir: string) {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) files.push(full);
    }
  })(path.join(REPO_ROOT, folder));
  return files;
}

/** The file or folder a relative import names (`./rules` is the folder's index.ts). */
function resolveImport(from: string, specifier: string): string {
  const target = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${target}.ts`, path.join(target, 'index.ts'), target]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next
    }
  }
  return target;
}

const files = [...sourceFiles('server/src'), ...sourceFiles('client/src')];

test('every source file belongs to a layer of the table', () => {
  const orphans = files.filter((file) => !layerOf(file)).map((file) => path.relative(REPO_ROOT, file));
  assert.deepEqual(orphans, [], 'add the new folder or top-level file to LAYERS and to ARCHITECTURE.md');
});

test('imports follow the allowed directions of ARCHITECTURE.md', () => {
  const violations: string[] = [];
  for (const file of files) {
    const layer = layerOf(file);
    if (!layer) continue;
    const relativeFile = path.relative(REPO_ROOT, file).split(path.sep).join('/');
    for (const { fileName: specifier } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (specifier.startsWith('.')) {
        const target = resolveImport(file, specifier);
        const targetLayer = layerOf(target);
        if (targetLayer === layer) continue;
        if (!targetLayer || !layer.mayImport.includes(targetLayer.module)) {
          const where = targetLayer?.module ?? path.relative(REPO_ROOT, target);
          violations.push(`${relativeFile} imports ${specifier} (${where}), which ${layer.module} must not know`);
        }
      } else if (!layer.except?.includes(path.basename(file))) {
        for (const group of layer.mustNotImport) {
          if (PACKAGE_GROUPS[group].test(specifier)) {
            violations.push(`${relativeFile} imports ${specifier} (${group}), which ${layer.module} must not use`);
          }
        }
      }
    }
  }
  assert.deepEqual(violations, []);
});

test('the check sees the kinds of import it must see', () => {
  const text =
    "import type { A } from './a';\nexport { B } from './b';\nconst c = require('./c');\ntype D = import('./d').D;\nimport('vscode-languageserver');";
  assert.deepEqual(
    ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName),
    ['./a', './b', './c', './d', 'vscode-languageserver'],
  );
  assert.ok(
    PACKAGE_GROUPS.LSP.test('vscode-languageserver/node') &&
      PACKAGE_GROUPS.LSP.test('vscode-languageserver-textdocument') &&
      PACKAGE_GROUPS.LSP.test('vscode'),
  );
  assert.ok(PACKAGE_GROUPS['file system'].test('node:fs/promises') && !PACKAGE_GROUPS['file system'].test('node:path'));
});

test('ARCHITECTURE.md shows the same table', () => {
  const architecture = readFileSync(path.join(REPO_ROOT, 'ARCHITECTURE.md'), 'utf8').replace(/\r\n/g, '\n');
  assert.ok(architecture.includes(renderTable()), `ARCHITECTURE.md must contain, under "Allowed imports":\n${renderTable()}`);
});

test('one rule per file, named after its id', () => {
  const ruleFiles = sourceFiles('server/src/rules').map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const camel = (text: string) => text.replace(/[-/]([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const problems: string[] = [];
  const definedIn = new Map<string, string[]>();
  for (const { meta } of ALL_RULES) {
    const files = ruleFiles.filter(({ text }) => text.includes(`id: '${meta.id}',`)).map(({ file }) => file);
    if (files.length !== 1) {
      problems.push(`${meta.id} is defined in ${files.length} files`);
      continue;
    }
    const base = path.basename(files[0], '.ts');
    // `iam/condition-type` lives in conditionType.ts; the foundation rules keep their prefix (`json/syntax`: jsonSyntax.ts).
    if (base !== camel(meta.id.split('/').pop()!) && base !== camel(meta.id)) {
      problems.push(`${meta.id} lives in ${path.relative(REPO_ROOT, files[0])}`);
    }
    definedIn.set(files[0], [...(definedIn.get(files[0]) ?? []), meta.id]);
  }
  for (const [file, ids] of definedIn) if (ids.length > 1) problems.push(`${path.relative(REPO_ROOT, file)} holds ${ids.join(', ')}`);
  assert.deepEqual(problems, []);
  assert.ok(ALL_RULES.length >= 64);
});
