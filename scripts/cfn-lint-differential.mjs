// Differential check against cfn-lint: every in-scope cfn-lint finding on a template (the ECS and IAM rules,
// and the generic schema rules on the resource types that hold a task definition, a service, a role or a
// policy) must have a finding of ours on the same resource and property. Used by
// test/cli/cfnLintDifferential.test.ts and by the benchmark; run alone it prints the coverage:
//   node scripts/cfn-lint-differential.mjs [--out <compiled dir>] [files...]
// (default files: the JSON templates of test/corpus/cloudformation-templates and test/fixtures/cloudformation/cfn-lint).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** cfn-lint's ECS and IAM rules (E3043, E3045 and E3051 in the same number range are about other services). */
export const ECS_IAM_RULES = new Set([
  'E3042',
  'E3044',
  'E3046',
  'E3047',
  'E3048',
  'E3049',
  'E3050',
  'E3052',
  'E3053',
  'E3054',
  'E3713',
  'E3510',
  'E3511',
  'E3512',
  'E3513',
  'E3514',
  'E3530',
  'W3037',
  'I3510',
  'W2511',
  'E1156',
]);
/** cfn-lint's generic schema rules: in scope on the resource types below. */
export const SCHEMA_RULES = new Set([
  'E3001',
  'E3002',
  'E3003',
  'E3012',
  'E3014',
  'E3017',
  'E3018',
  'E3020',
  'E3021',
  'E3030',
  'E3031',
  'E3032',
  'E3033',
  'E3034',
  'E3037',
  'E3040',
]);
const RESOURCE_POLICY_TYPES = new Set([
  'AWS::S3::BucketPolicy',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::KMS::Key',
  'AWS::ECR::Repository',
  'AWS::SecretsManager::ResourcePolicy',
  'AWS::Lambda::Permission',
  'AWS::OpenSearchService::Domain',
  'AWS::Organizations::Policy',
]);
export function inScopeType(type) {
  return typeof type === 'string' && (type.startsWith('AWS::ECS::') || type.startsWith('AWS::IAM::') || RESOURCE_POLICY_TYPES.has(type));
}

/**
 * cfn-lint findings we do not match on purpose, each with the reason. Keys: `<file suffix>|<rule>|<path>`.
 */
export const ALLOWED = new Map([
  // The template runs the ExecutionRoleBuilder macro (Transform), which turns these made-up properties into a
  // real role before CloudFormation validates it; cfn-lint checks the template before the macro runs.
  ['ExecutionRoleBuilder/example.json|E3003|Resources/ExecutionRoleBuilderMacroTestRole/Properties', 'macro input, not a role'],
  ['ExecutionRoleBuilder/example.json|E3002|Resources/ExecutionRoleBuilderMacroTestRole/Properties/Type', 'macro input, not a role'],
  ['ExecutionRoleBuilder/example.json|E3002|Resources/ExecutionRoleBuilderMacroTestRole/Properties/Name', 'macro input, not a role'],
  ['ExecutionRoleBuilder/example.json|E3002|Resources/ExecutionRoleBuilderMacroTestRole/Properties/Permissions', 'macro input, not a role'],
]);

export function cfnLintVersion() {
  const result = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

export function defaultFiles() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(json|ya?ml)$/.test(name)) files.push(full);
    }
  };
  walk(path.join(root, 'test', 'corpus', 'cloudformation-templates'));
  walk(path.join(root, 'test', 'fixtures', 'cloudformation', 'cfn-lint'));
  return files;
}

/** cfn-lint's findings on the files, in one run; undefined when cfn-lint is not installed. */
export function runCfnLint(files) {
  const result = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) return undefined;
  return JSON.parse(result.stdout || '[]');
}

/** The JSON path of the node at an offset: ['Resources', 'Role', 'Properties', 'RoleName']. */
function pathAt(document, offset) {
  const { nodeAtOffset } = require(path.join(document.outDir, 'server/src/core/json.js'));
  let node = nodeAtOffset(document.root, offset);
  const parts = [];
  while (node && node.parent) {
    const parent = node.parent;
    if (parent.type === 'property') {
      if (parent.children?.[1] === node || parent.children?.[0] === node) parts.unshift(String(parent.children[0].value));
      node = parent.parent;
      continue;
    }
    if (parent.type === 'array') parts.unshift(parent.children.indexOf(node));
    node = parent;
  }
  return parts;
}

/**
 * Compares cfn-lint's findings with ours on the same files. Returns the in-scope cfn-lint findings, which of
 * them we match, which are allowed (with the reason) and which are missed.
 */
export async function compare({ outDir = path.join(root, 'out'), files = defaultFiles(), cfnLintFindings } = {}) {
  const { analyze } = require(path.join(outDir, 'server/src/analyzer.js'));
  const findings = cfnLintFindings ?? runCfnLint(files);
  if (!findings) return undefined;
  const byFile = new Map();
  for (const finding of findings) {
    const file = path.resolve(finding.Filename);
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(finding);
  }
  const result = { inScope: [], matched: [], allowed: [], missed: [] };
  for (const file of files) {
    const theirs = byFile.get(path.resolve(file)) ?? [];
    if (theirs.length === 0) continue;
    const text = readFileSync(file, 'utf8');
    const analysis = await analyze(text, { fileName: path.basename(file) });
    const document = { root: analysis.document.root, outDir };
    const ours = analysis.findings.map((finding) => pathAt(document, finding.span.offset));
    const resources = {};
    for (const prop of analysis.document.root?.children?.find((child) => child.children?.[0]?.value === 'Resources')?.children?.[1]
      ?.children ?? []) {
      const type = prop.children?.[1]?.children?.find((child) => child.children?.[0]?.value === 'Type')?.children?.[1]?.value;
      resources[String(prop.children?.[0]?.value)] = type;
    }
    for (const finding of theirs) {
      const rule = finding.Rule.Id;
      const where = finding.Location.Path ?? [];
      const resourceId = where[0] === 'Resources' ? String(where[1]) : undefined;
      const type = resourceId === undefined ? undefined : resources[resourceId];
      if (!ECS_IAM_RULES.has(rule) && !(SCHEMA_RULES.has(rule) && inScopeType(type))) continue;
      const entry = { file: path.relative(root, file), rule, path: where.join('/'), message: finding.Message };
      result.inScope.push(entry);
      const allowKey = [...ALLOWED.keys()].find((key) => {
        const [suffix, allowedRule, allowedPath] = key.split('|');
        return entry.file.endsWith(suffix) && allowedRule === rule && allowedPath === entry.path;
      });
      const property = where[2] === 'Properties' ? where[3] : undefined;
      const match = ours.some(
        (parts) =>
          parts[0] === 'Resources' &&
          String(parts[1]) === resourceId &&
          (property === undefined || (parts[2] === 'Properties' && parts[3] === property)),
      );
      if (allowKey) result.allowed.push({ ...entry, reason: ALLOWED.get(allowKey) });
      else if (match) result.matched.push(entry);
      else result.missed.push(entry);
    }
  }
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outDir = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : undefined;
  const files = args.filter((arg, index) => !arg.startsWith('--') && (outIndex < 0 || index !== outIndex + 1));
  const version = cfnLintVersion();
  if (!version) {
    console.log('cfn-lint is not installed: nothing to compare');
    process.exit(0);
  }
  const result = await compare({
    ...(outDir ? { outDir } : {}),
    ...(files.length ? { files: files.map((file) => path.resolve(file)) } : {}),
  });
  console.log(
    `${version}: ${result.matched.length}/${result.inScope.length} in-scope findings matched, ${result.allowed.length} allowed, ${result.missed.length} missed`,
  );
  for (const entry of result.missed) console.log(`  missed ${entry.rule} ${entry.file} ${entry.path}: ${entry.message.slice(0, 140)}`);
  for (const entry of result.allowed) console.log(`  allowed ${entry.rule} ${entry.file} ${entry.path}: ${entry.reason}`);
}
