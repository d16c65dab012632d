// Role trust policies: the confused-deputy conditions AWS recommends for service principals.
import { indentationAt } from '../../core/layout';
import { forEachStringValue, objectProperties, stringValue, type Node } from '../../core/json';
import type { Rule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { parseArn } from '../../iam/arn';
import { allStatements, conditionEntries, sentenceLabel, type StatementView } from '../../iam/policyModel';
import { insertProperty, renderJson } from '../../core/edits';
import { principalValues, isGuardrail } from './shared';

const CONFUSED_DEPUTY_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html';

const DEPUTY_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths'];

export const confusedDeputy: Rule = {
  meta: {
    id: 'iam/confused-deputy',
    title: 'A service principal may act without aws:SourceAccount or aws:SourceArn (ECS task trust, resource policies)',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: CONFUSED_DEPUTY_URL,
    fixable: true,
    appliesTo: ['iam-trust-policy', 'iam-resource-policy', 'cloudformation-template'],
    description: [
      'When the service principal `ecs-tasks.amazonaws.com` may assume a role, any customer of ECS could',
      'in principle get the service to act with it (the "confused deputy"). AWS recommends limiting the trust to your',
      'own resources with `aws:SourceAccount` (your account ID) and/or `aws:SourceArn` (for ECS: `arn:aws:ecs:REGION:ACCOUNT:*`).',
      "The quick fix adds both, using the account found in the policy's own ARNs, or a placeholder to fill in.",
      'In role trust policies only ECS task trust is checked: other services (EC2 instance profiles, Lambda) do not all',
      'send these keys when they assume a role. In resource-based policies (a bucket, topic, queue or key policy that',
      'lets `cloudtrail.amazonaws.com`, `events.amazonaws.com`, ... use the resource) every service principal is',
      'checked, as info: the service acts for any customer that names the resource, unless `aws:SourceAccount`,',
      '`aws:SourceArn` (or `aws:SourceOrgID`) ties it to yours.',
    ].join('\n'),
  },
  check(context) {
    const { document } = context;
    for (const statement of allStatements(document)) {
      if (isGuardrail(statement.policy)) continue;
      if (statement.effect !== 'Allow' || statement.principalKey !== 'Principal') continue;
      const services = principalValues(statement, 'Service')
        .map(stringValue)
        .filter((value): value is string => !!value && value.endsWith('.amazonaws.com'));
      if (services.length === 0) continue;
      const template = document.kind === 'cloudformation-template';
      if (statement.policy.type === 'resource') {
        // A resource policy that lets a service act on the resource: the service acts for whichever customer
        // asked it to, unless the policy names the customer's account or resource.
        if (conditionEntries(statement).some((entry) => RESTRICTING_KEY.test(entry.key))) continue;
        const account = accountIn(document.root) ?? '<account-id>';
        context.report({
          at: statement.principalNode!.parent?.children?.[0] ?? statement.principalNode!,
          severity: 'info',
          message: `${sentenceLabel(statement)} lets ${services.map((s) => `\`${s}\``).join(', ')} use this resource on behalf of any AWS account. Add \`"StringEquals": {"aws:SourceAccount": "${account}"}\` (or an \`aws:SourceArn\` condition naming the calling resource) against the confused-deputy problem.`,
          fixes: deputyFix(document.text, statement, account, false, template),
        });
        continue;
      }
      // Role trust: only where AWS documents these conditions for the assuming service: ECS tasks. Services such
      // as EC2 (instance profiles) and Lambda do not set aws:SourceAccount when they assume a role, so adding the
      // condition there would break the role instead of protecting it.
      if (!services.includes('ecs-tasks.amazonaws.com')) continue;
      if (conditionEntries(statement).some((entry) => DEPUTY_KEYS.includes(entry.key.toLowerCase()))) continue;
      const account = accountIn(document.root) ?? '<account-id>';
      const isEcs = services.includes('ecs-tasks.amazonaws.com');
      context.report({
        at: statement.principalNode!.parent?.children?.[0] ?? statement.principalNode!,
        message: `${sentenceLabel(statement)} lets ${services.map((s) => `\`${s}\``).join(', ')} assume this role on behalf of anyone. Add \`"StringEquals": {"aws:SourceAccount": "${account}"}\`${isEcs ? ` and \`"ArnLike": {"aws:SourceArn": "arn:aws:ecs:*:${account}:*"}\`` : ''} against the confused-deputy problem.`,
        fixes: deputyFix(document.text, statement, account, isEcs, template),
      });
    }
  },
};

/**
 * Keys that tie a service's request to the customer it acts for: the global source keys, SNS's older
 * `aws:SourceOwner`, and KMS encryption contexts that name the caller's resource (CloudWatch Logs).
 */
const RESTRICTING_KEY = /^aws:(SourceAccount|SourceArn|SourceOrgID|SourceOrgPaths|SourceOwner)$|^kms:EncryptionContext:/i;

function deputyFix(text: string, statement: StatementView, account: string, isEcs: boolean, template = false): Fix[] {
  // In a CloudFormation template the stack's own account is known at deploy time: use the pseudo parameter.
  const accountValue = template ? { Ref: 'AWS::AccountId' } : account;
  const conditions: Record<string, Record<string, unknown>> = { StringEquals: { 'aws:SourceAccount': accountValue } };
  if (isEcs) {
    conditions.ArnLike = {
      'aws:SourceArn': template
        ? { 'Fn::Sub': 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*' }
        : `arn:aws:ecs:*:${account}:*`,
    };
  }
  const condition = statement.conditionNode;
  if (condition && condition.type !== 'object') return [];
  if (condition) {
    // Add into the existing block, but never duplicate an operator that is already there.
    const names = objectProperties(condition).map((entry) => entry.name);
    if (Object.keys(conditions).some((name) => names.includes(name))) return [];
    const edits = Object.entries(conditions).map(([operator, keys]) =>
      insertProperty(text, condition, operator, JSON.stringify(keys).replace(/":"/g, '": "')),
    );
    if (edits.length > 1) {
      // Both edits insert at the same point: combine them into one.
      const [first, second] = edits;
      return [
        {
          title: 'Add aws:SourceAccount and aws:SourceArn conditions',
          edits: [{ ...first, newText: first.newText + second.newText }],
          isPreferred: true,
        },
      ];
    }
    return [{ title: 'Add an aws:SourceAccount condition', edits, isPreferred: true }];
  }
  const multiline = /[\r\n]/.test(text.slice(statement.node.offset, statement.node.offset + statement.node.length));
  const lastProperty = statement.node.children?.[statement.node.children.length - 1];
  const indent = lastProperty ? indentationAt(text, lastProperty.offset) : '';
  const value = multiline ? renderJson(text, conditions, indent) : JSON.stringify(conditions);
  return [
    {
      title: isEcs ? 'Add aws:SourceAccount and aws:SourceArn conditions' : 'Add an aws:SourceAccount condition',
      edits: [insertProperty(text, statement.node, 'Condition', value)],
      isPreferred: true,
    },
  ];
}

const accounts = new WeakMap<Node, string | null>();

/**
 * The first 12-digit account found in an ARN of the document (the role's own account, usually); once per
 * document (a walk per trust statement made a 1 MB Terraform file with 648 roles take 16 s in this function).
 */
function accountIn(root: Node | undefined): string | undefined {
  if (!root) return undefined;
  const known = accounts.get(root);
  if (known !== undefined) return known ?? undefined;
  const account = firstAccountIn(root);
  accounts.set(root, account ?? null);
  return account;
}

function firstAccountIn(root: Node): string | undefined {
  let account: string | undefined;
  forEachStringValue(root, (node) => {
    if (account) return;
    const arn = parseArn(String(node.value));
    if (arn && /^\d{12}$/.test(arn.account)) account = arn.account;
  });
  return account;
}
