// Terraform benchmark: a 1 MB `.tf` file (the resources of test/fixtures/terraform/secrets.tf repeated with
// renamed resources: task definitions in jsonencode, roles, aws_iam_policy_document blocks, role policies)
// through the analysis core, next to a bare parse of the same text with the same parser (web-tree-sitter and
// the tree-sitter HCL grammar) in the same run. Target: lint ≤ 5× the bare parse. Then the same resources as a
// module of 40 files in one folder, every file linted with the workspace index (roles linked across the files),
// next to the same files each alone in its folder. Target: the module ≤ 2× the files alone.
// Usage: npm run build && node bench/terraform.mjs [--out <compiled dir>] [--runs N] [--size MB]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const outDir = path.resolve(option('--out', path.join(root, 'out')));
const runs = Number(option('--runs', 9));
const targetBytes = Number(option('--size', 1)) * 1024 * 1024;
const { analyze } = require(path.join(outDir, 'server/src/analyzer.js'));
const { loadHclParser } = require(path.join(outDir, 'server/src/workspace/hclWasm.js'));
const { WorkspaceIndex } = require(path.join(outDir, 'server/src/workspace/index.js'));
const { ConfigLoader } = require(path.join(outDir, 'server/src/workspace/configLoader.js'));
const { Parser, Language } = require('web-tree-sitter');

const fixture = readFileSync(path.join(root, 'test', 'fixtures', 'terraform', 'secrets.tf'), 'utf8');
const names = [...new Set([...fixture.matchAll(/^(?:resource|data) "\w+" "(\w+)"/gm)].map((match) => match[1]))];
const renamed = (i) =>
  names.reduce(
    (text, name) => text.replace(new RegExp(`"${name}"|\\.${name}\\.`, 'g'), (found) => found.replace(name, `${name}${i}`)),
    fixture,
  );
const parts = [];
let size = 0;
let copies = 0;
while (size < targetBytes) {
  const part = renamed(copies++);
  parts.push(part);
  size += part.length;
}
const text = parts.join('\n');

// The same parser, bare: the runtime and grammar the core loads.
await loadHclParser();
await Parser.init({ wasmBinary: readFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm')) });
const language = await Language.load(
  readFileSync(path.join(root, 'node_modules', '@tree-sitter-grammars', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm')),
);
const parser = new Parser();
parser.setLanguage(language);
const bareParse = () => parser.parse(text).delete();

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
async function time(fn) {
  const values = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    values.push(performance.now() - start);
  }
  return median(values);
}

const warm = await analyze(text, { fileName: 'main.tf' });
bareParse();
const findings = warm.findings.length;
if (warm.document.format !== 'hcl' || warm.document.taskDefinitions.length !== copies)
  throw new Error(`the generated file was not read as ${copies} task definitions (${warm.document.taskDefinitions.length})`);

const lint = [];
const parse = [];
for (let round = 0; round < 3; round++) {
  parse.push(await time(bareParse));
  lint.push(await time(() => analyze(text, { fileName: 'main.tf' })));
}
const lintMs = median(lint);
const parseMs = median(parse);
console.log(`${(text.length / 1024 / 1024).toFixed(2)} MB .tf file, ${copies} copies of ${names.length} resources, ${findings} findings`);
console.log(`lint (parse + map + classify + rules):      ${lintMs.toFixed(1)} ms`);
console.log(`bare parse with web-tree-sitter + HCL grammar: ${parseMs.toFixed(1)} ms`);
console.log(`ratio: ${(lintMs / parseMs).toFixed(2)}x (target <= 5x)`);
console.log(
  `terraform summary: lint ${lintMs.toFixed(1)} ms, parse ${parseMs.toFixed(1)} ms, ${(text.length / 1024 / 1024).toFixed(2)} MB`,
);

// A module of 40 files: the copies dealt out to the files in turn, one folder, each file linted with the index.
const FILES = 40;
const fileTexts = Array.from({ length: FILES }, (_, i) => parts.filter((_, j) => j % FILES === i).join('\n'));
function indexOf(folderOfFile) {
  const index = new WorkspaceIndex({
    roots: ['/bench'],
    configs: new ConfigLoader(undefined, () => ['/bench']),
    maxFileSize: 64 * 1024 * 1024,
  });
  fileTexts.forEach((fileText, i) => index.update(folderOfFile(i), fileText));
  return index;
}
async function lintAll(folderOfFile) {
  // A new index each round: the module's join is cached per workspace generation, as in a real run.
  const workspace = indexOf(folderOfFile);
  let count = 0;
  for (let i = 0; i < FILES; i++) {
    const result = await analyze(fileTexts[i], { fileName: `f${i}.tf`, filePath: folderOfFile(i), workspace });
    count += result.findings.length;
  }
  return count;
}
const inModule = (i) => `/bench/module/f${i}.tf`;
const alone = (i) => `/bench/alone${i}/f${i}.tf`;
const moduleFindings = await lintAll(inModule);
const aloneFindings = await lintAll(alone);
if (moduleFindings !== aloneFindings) throw new Error(`the module found ${moduleFindings} findings, the files alone ${aloneFindings}`);
const moduleRuns = [];
const aloneRuns = [];
// One pass per round (a pass is 40 analyses and an index of 40 files): the median of 5 rounds.
for (let round = 0; round < 5; round++) {
  let start = performance.now();
  await lintAll(alone);
  aloneRuns.push(performance.now() - start);
  start = performance.now();
  await lintAll(inModule);
  moduleRuns.push(performance.now() - start);
}
const moduleMs = median(moduleRuns);
const aloneMs = median(aloneRuns);
console.log(
  `module of ${FILES} files (${moduleFindings} findings): ${moduleMs.toFixed(1)} ms; the same files each alone: ${aloneMs.toFixed(1)} ms`,
);
console.log(`ratio: ${(moduleMs / aloneMs).toFixed(2)}x (target <= 2x)`);
console.log(`terraform module summary: module ${moduleMs.toFixed(1)} ms, alone ${aloneMs.toFixed(1)} ms, ${FILES} files`);
