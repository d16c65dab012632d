// The SAM expansion against SAM itself: for every template of SAM's translator tests that gives a function or
// state machine `Policies` (test/corpus/sam-translator/, copied from aws/serverless-application-model with
// the CloudFormation SAM produced from each), the policies we derive from `Policies` are the ones SAM put in
// the role it generated: each inline statement and policy template as the inline policy
// `<Id>RolePolicy<index>`, each managed policy name or ARN in ManagedPolicyArns. SAM adds policies of its own
// (AWSLambdaBasicExecutionRole, event sources, connectors): those are not ours to derive and are left aside.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { getNodeValue } from 'jsonc-parser';
import { execFileSync } from 'node:child_process';
import { parseDocument } from '../../server/src/core/document';
import { templateResources } from '../../server/src/core/classify';
import { arrayItems, property, stringValue, type Node } from '../../server/src/core/json';
import { SAM_ROLE_RESOURCE_TYPES, samPolicyEntries } from '../../server/src/core/sam';
import { managedPolicyArn } from '../../server/src/roles/managedPolicies';
import { CORPUS, REPO_ROOT } from '../helpers';

const SAM = path.join(CORPUS, 'sam-translator');

/** A value with Fn::If flattened to its branches (AWS::NoValue dropped), the way both sides are compared. */
function branches(value: unknown): unknown[] {
  const ifArgs = (value as Record<string, unknown> | null)?.['Fn::If'];
  if (Array.isArray(ifArgs)) return [...branches(ifArgs[1]), ...branches(ifArgs[2])];
  if ((value as { Ref?: unknown } | null)?.Ref === 'AWS::NoValue') return [];
  return [value];
}

/** Keys sorted, so objects compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

interface Expected {
  inline: Map<number, string[]>;
  managed: string[];
}

function samGenerated(output: Record<string, { Type: string; Properties?: Record<string, unknown> }>, id: string): Expected | undefined {
  const role = output[`${id}Role`];
  if (role?.Type !== 'AWS::IAM::Role') return undefined;
  const inline = new Map<number, string[]>();
  for (const item of (role.Properties?.Policies as unknown[]) ?? []) {
    for (const policy of branches(item) as Array<{ PolicyName?: string; PolicyDocument?: unknown }>) {
      const index = new RegExp(`^${id}RolePolicy(\\d+)$`).exec(policy.PolicyName ?? '');
      if (index) inline.set(Number(index[1]), [...(inline.get(Number(index[1])) ?? []), canonical(policy.PolicyDocument)]);
    }
  }
  const managed = ((role.Properties?.ManagedPolicyArns as unknown[]) ?? []).flatMap(branches).map(canonical);
  return { inline, managed };
}

/** The index of each Policies item (a Fn::If item gives its branches the same index, as SAM numbers them). */
function itemIndex(properties: Node | undefined, entry: Node, condition: Node | undefined): number {
  const policies = property(properties, 'Policies');
  if (policies?.type !== 'array') return 0;
  return arrayItems(policies).indexOf(condition ?? entry);
}

function managedValue(value: Node): unknown {
  const name = stringValue(value);
  if (name === undefined) return getNodeValue(value);
  if (name.startsWith('arn:') || name.startsWith('{{')) return name;
  return managedPolicyArn(name) ?? name;
}

const pairs = readdirSync(path.join(SAM, 'input'))
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => ({ name, input: path.join(SAM, 'input', name), output: path.join(SAM, 'output', name.replace(/\.yaml$/, '.json')) }))
  .filter((pair) => existsSync(pair.output));

test('every SAM function and state machine Policies entry expands to the policy SAM generates', () => {
  let templates = 0;
  let resources = 0;
  let entries = 0;
  const differences: string[] = [];
  for (const pair of pairs) {
    const output = JSON.parse(readFileSync(pair.output, 'utf8'));
    if (!output.Resources) continue; // SAM rejected the template (errorMessage): the sam/policies rule's cases
    const document = parseDocument(readFileSync(pair.input, 'utf8'), { fileName: pair.name });
    let compared = false;
    for (const resource of templateResources(document.root)) {
      if (!SAM_ROLE_RESOURCE_TYPES.has(resource.type) || property(resource.properties, 'Role')) continue;
      const derived = samPolicyEntries(resource.id, resource.properties);
      if (derived.length === 0) continue;
      const expected = samGenerated(output.Resources, resource.id);
      if (!expected) {
        differences.push(`${pair.name} ${resource.id}: SAM generated no role ${resource.id}Role`);
        continue;
      }
      compared = true;
      resources++;
      for (const entry of derived) {
        entries++;
        const where = `${pair.name} ${resource.id} Policies[${itemIndex(resource.properties, entry.entry, entry.condition)}]`;
        if (entry.kind === 'managed') {
          const value = canonical(managedValue(entry.value));
          if (!expected.managed.includes(value)) differences.push(`${where}: managed ${value} not in ${expected.managed.join(', ')}`);
          continue;
        }
        if (entry.kind === 'invalid') {
          differences.push(`${where}: an entry SAM accepted that we call invalid`);
          continue;
        }
        const ours = canonical(getNodeValue(entry.policyNode));
        const theirs = expected.inline.get(itemIndex(resource.properties, entry.entry, entry.condition)) ?? [];
        if (!theirs.includes(ours)) differences.push(`${where}: ${entry.kind}\n  ours:   ${ours}\n  SAM's: ${theirs.join(' | ')}`);
      }
    }
    if (compared) templates++;
  }
  // The counts are the corpus's; the report of issue 16 quotes them.
  console.log(`SAM expansion: ${templates} templates, ${resources} functions/state machines, ${entries} Policies entries compared`);
  assert.deepEqual(differences, []);
  assert.ok(templates >= 40, `only ${templates} templates compared`);
});

test('the SAM policy templates data is generated from SAM policy_templates.json (node scripts/generate-sam-policy-templates.mjs)', () => {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'generate-sam-policy-templates.mjs'), '--check'], { stdio: 'pipe' });
  // Sanity: every template's parameters appear in its statements as Refs, as the expansion assumes.
  const data = JSON.parse(readFileSync(path.join(REPO_ROOT, 'server', 'src', 'core', 'samPolicyTemplates.generated.json'), 'utf8'));
  for (const [name, template] of Object.entries(data.templates as Record<string, { parameters: string[]; statements: unknown[] }>)) {
    const text = JSON.stringify(template.statements);
    for (const parameter of template.parameters) assert.ok(text.includes(`{"Ref":"${parameter}"}`), `${name} ${parameter}`);
  }
});
