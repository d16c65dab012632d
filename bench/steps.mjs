// How long each synchronous step of one analysis holds the event loop on a large task definition: the
// parse (and its parts), classification, preparation, every rule, the finishing filter and sort, and the
// server's own steps around them (the workspace index's parse on didChange, diagnostics conversion and
// serialisation). The server can give other requests a turn only between these steps, so the longest
// one bounds how long a hover on another file may wait. Run after `npm run build`:
//   node bench/steps.mjs [--mb 4] [--runs 5] [--top 10]
import path from 'node:path';
import { formatMs, largeTaskDefinition, median, require, ROOT } from './lib.mjs';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const MB = argument('--mb', 4);
const RUNS = argument('--runs', 5);
const TOP = argument('--top', 10);

const out = (...parts) => require(path.join(ROOT, 'out', 'server', 'src', ...parts));
const { parseTree } = require('jsonc-parser');
const { analyzeDocument } = out('analyzer.js');
const { parseDocument } = out('core', 'document.js');
const { classify } = out('core', 'classify.js');
const { prepareDocument } = out('core', 'prepare.js');
const { ALL_RULES } = out('rules', 'index.js');
const { toDiagnostic } = out('presenters', 'lsp.js');
const { WorkspaceIndex } = out('workspace', 'index.js');
const { ConfigLoader } = out('workspace', 'configLoader.js');
const { TextDocument } = require('vscode-languageserver-textdocument');

const text = largeTaskDefinition(MB * 1024 * 1024);
/** Milliseconds per step name, one entry per run. */
const samples = new Map();
const record = (name, ms) => samples.set(name, [...(samples.get(name) ?? []), ms]);
const time = (name, fn) => {
  const start = performance.now();
  const result = fn();
  record(name, performance.now() - start);
  return result;
};

// Each rule's check is timed where analyzeDocument calls it (the rule objects are shared, so wrapping
// `check` here times exactly what the analysis runs; rule files are untouched).
let timingRules = false;
let rulesTotal = 0;
for (const rule of ALL_RULES) {
  const check = rule.check;
  rule.check = (context) => {
    if (!timingRules) return check(context);
    const start = performance.now();
    try {
      return check(context);
    } finally {
      const ms = performance.now() - start;
      rulesTotal += ms;
      record(`rule ${rule.meta.id}`, ms);
    }
  };
}

const configs = new ConfigLoader(
  () => undefined,
  () => [],
);
for (let run = 0; run <= RUNS; run++) {
  const measured = run > 0; // run 0 warms up the JIT and loads the IAM catalogue parts
  time('didChange: workspace index parse (index.update)', () =>
    new WorkspaceIndex({ roots: [], configs, maxFileSize: 5 * 1024 * 1024 }).update('/bench/large.json', text),
  );
  time('didChange: TextDocument full-text update', () =>
    TextDocument.update(TextDocument.create('file:///bench/large.json', 'json', 1, ''), [{ text }], 2),
  );
  const document = time('parseDocument (whole step)', () => parseDocument(text, { fileName: 'large.json' }));
  time('  part: jsonc-parser parseTree', () =>
    parseTree(text, [], { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true }),
  );
  time('  part: classify', () => classify(document.root, 'large.json'));
  const preparing = performance.now();
  await prepareDocument(document);
  record('prepareDocument (async, awaited)', performance.now() - preparing);
  timingRules = true;
  rulesTotal = 0;
  const analysing = performance.now();
  const findings = analyzeDocument(document, {});
  const total = performance.now() - analysing;
  timingRules = false;
  record('analyzeDocument (all rules, whole step)', total);
  record('analyzeDocument outside rules (views, filter, sort)', Math.max(0, total - rulesTotal));
  const diagnostics = time('server: findings to diagnostics (line index, positions)', () =>
    findings.map((finding) => toDiagnostic(document, finding)),
  );
  time('server: diagnostics JSON serialisation', () =>
    JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///bench/large.json', diagnostics } }),
  );
  if (!measured) samples.clear();
  if (run === RUNS)
    console.log(
      `${(text.length / 1024 / 1024).toFixed(1)} MB task definition, ${document.taskDefinitions.length} task definition(s), ${findings.length} findings; medians of ${RUNS} runs\n`,
    );
}

const rows = [...samples].map(([name, list]) => ({ name, ms: median(list) }));
const whole = new Set(['parseDocument (whole step)', 'analyzeDocument (all rules, whole step)', 'prepareDocument (async, awaited)']);
const summary = rows.filter((r) => whole.has(r.name) || r.name.startsWith('  part') || r.name.startsWith('analyzeDocument outside'));
console.log('Steps (whole steps contain the rows below them):');
for (const r of summary) console.log(`  ${formatMs(r.ms).padStart(10)}  ${r.name}`);
console.log(`\nLongest uninterrupted blocks (one rule, one step; what a cooperative analysis cannot split), top ${TOP}:`);
const blocks = rows.filter((r) => !whole.has(r.name) && !r.name.startsWith('  part') && !r.name.startsWith('analyzeDocument outside'));
// parseDocument is one block from the analysis's point of view: it cannot yield inside.
blocks.push(rows.find((r) => r.name === 'parseDocument (whole step)'));
blocks.sort((a, b) => b.ms - a.ms);
for (const r of blocks.slice(0, TOP)) console.log(`  ${formatMs(r.ms).padStart(10)}  ${r.name}`);
