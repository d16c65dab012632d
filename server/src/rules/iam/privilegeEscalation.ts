// The published IAM privilege-escalation methods (Rhino Security Labs), found across the statements of a
// policy, across the policies of one role resource in a CloudFormation template, and across the policy files
// (and AWS managed policies) that `.ecs-iam.json` maps to one role (parliament PRIVILEGE_ESCALATION,
// Cloudsplaining "Privilege Escalation", checkov CKV_AWS_110).
import type { Node } from '../../core/json';
import { property } from '../../core/json';
import type { Rule, RuleContext } from '../../core/rule';
import type { RelatedSpan } from '../../core/types';
import { policyModels, stringItems, type StatementView } from '../../iam/policyModel';
import { PRIVILEGE_ESCALATION_METHODS, PRIVILEGE_ESCALATION_URL } from '../../iam/riskLists';
import { matchesWildcard } from '../../iam/wildcard';
import { templateRolePolicies } from '../../roles/cloudformationLinking';
import { linkRole } from '../../roles/linking';
import type { EvaluatedStatement, PolicySource } from '../../roles/evaluate';
import { listOf } from './shared';

/** One statement as this rule reads it: effect, action patterns, whether its resources are unconstrained. */
interface Grant {
  effect: string | undefined;
  actions?: readonly string[];
  notActions?: readonly string[];
  /** `actions` indexed for the lookups of every method: exact names (lower case) and the wildcard patterns. */
  exact?: Map<string, number>;
  wild?: number[];
  /** `*`, `NotResource`, or a resource pattern that names every resource of its type (`role/*`). */
  everyResource: boolean;
  conditional: boolean;
  /** Where to point, in this document, for each action pattern (by index), or the statement. */
  anchors: Node[];
  statement?: Node;
}

export const privilegeEscalation: Rule = {
  meta: {
    id: 'iam/privilege-escalation',
    title: 'The permissions of a policy or a role complete a published privilege-escalation method',
    defaultSeverity: 'info',
    phase: 'advice',
    docsUrl: PRIVILEGE_ESCALATION_URL,
    fixable: false,
    appliesTo: ['iam-identity-policy', 'cloudformation-template'],
    description: [
      'Rhino Security Labs published 21 ways an IAM principal can raise its own privileges (the sets parliament and',
      'Cloudsplaining test): `iam:CreatePolicyVersion`, `iam:AttachRolePolicy`, `iam:UpdateAssumeRolePolicy`,',
      '`lambda:UpdateFunctionCode`, `glue:UpdateDevEndpoint`, `iam:PassRole` with `ec2:RunInstances` or',
      '`lambda:CreateFunction` + `lambda:InvokeFunction`, and more. A method is reported when every one of its',
      'actions is allowed on every resource of its type without a condition, by the statements of one policy, or,',
      'in a CloudFormation template, by all the policies of one `AWS::IAM::Role` together (inline policies,',
      '`AWS::IAM::Policy` resources that name the role, template managed policies and the AWS managed policies the',
      'extension knows), and in a policy file by all the policies `.ecs-iam.json` maps to one role (its `policies` files and',
      '`managedPolicies`; reported in each file that holds part of the method). Scope the actions to the resources the',
      'principal manages (for `iam:PassRole`, the role ARNs',
      "and an `iam:PassedToService` condition). A policy that allows `*` on `*` is `iam/admin-access`'s.",
    ].join('\n'),
  },
  check(context) {
    const perPolicy = new Set<string>();
    for (const model of policyModels(context.document)) {
      if (model.policy.type !== 'identity' || !model.statements.some(mayTakePart)) continue;
      const grants = model.statements.map(grantOfView);
      if (grants.some(isAdministrator)) continue;
      const found = completedMethods(grants);
      if (found.length === 0) continue;
      for (const method of found) perPolicy.add(method.name);
      const anchors = found.flatMap((method) => method.anchors);
      context.report({
        at: anchors[0],
        message: message(found, 'This policy'),
        related: anchors.slice(1, 20).map((span) => ({ span, message: 'part of the privilege-escalation method' })),
      });
    }
    if (context.document.kind === 'cloudformation-template') checkRoles(context, perPolicy);
    else checkMappedRoles(context, perPolicy);
  },
};

/**
 * In a policy file: across the policies `.ecs-iam.json` maps to each role this file is one of, the methods no
 * single policy completes. This file's statements are read from the document being checked (the editor's
 * text), the others from the workspace; the finding is reported here only when this file holds part of it.
 */
function checkMappedRoles(context: RuleContext, perPolicy: ReadonlySet<string>): void {
  const { workspace, filePath, document } = context;
  if (!workspace || !filePath || document.policies.length !== 1 || document.policies[0].type !== 'identity') return;
  const own = policyModels(document)[0]?.statements.map(grantOfView) ?? [];
  if (own.some(isAdministrator)) return;
  for (const roleName of Object.keys(workspace.roleMappingsFor(filePath))) {
    const link = linkRole(workspace, roleName, filePath);
    if (!link || link.how !== 'configuration' || !link.sources.some((source) => source.file === filePath)) continue;
    const others = link.sources.filter((source) => source.file !== filePath);
    if (others.length === 0) continue;
    const grantsBySource = [
      own,
      ...others.map((source) => source.statements.map((statement) => grantOfEvaluated(statement, source, context))),
    ];
    const all = grantsBySource.flat();
    if (all.some(isAdministrator)) continue;
    const singles = new Set(grantsBySource.flatMap((grants) => completedMethods(grants).map((method) => method.name)));
    const found = completedMethods(all).filter((method) => !singles.has(method.name) && !perPolicy.has(method.name));
    // Only where this file holds part of the method (an anchor in this document): the other files report their own part.
    const ownNodes = new Set(own.flatMap((grant) => [...grant.anchors, ...(grant.statement ? [grant.statement] : [])]));
    const here = found.filter((method) => method.anchors.some((anchor) => ownNodes.has(anchor)));
    if (here.length === 0) continue;
    const anchors = here.flatMap((method) => method.anchors.filter((anchor) => ownNodes.has(anchor)));
    const labels = [workspace.label(filePath), ...others.map((source) => source.label)];
    context.report({
      at: anchors[0],
      message: message(
        here,
        `Together, the policies \`.ecs-iam.json\` maps to role \`${link.roleName}\` (${labels.slice(0, 4).join(', ')}${labels.length > 4 ? ', ...' : ''})`,
      ),
      related: anchors.slice(1, 20).map((span) => ({ span, message: 'part of the privilege-escalation method' })),
    });
  }
}

/** The services of the published methods: a policy with no action of them (or a wildcard service) has no method. */
const METHOD_SERVICES = new Set(
  PRIVILEGE_ESCALATION_METHODS.flatMap((method) => method.actions.map((action) => action.split(':')[0].toLowerCase())),
);

function mayTakePart(statement: StatementView): boolean {
  if (statement.effect !== 'Allow' || statement.conditionNode) return false;
  if (statement.resourceKey !== 'NotResource' && !statement.resources.some((item) => namesEveryResource(item.value))) return false;
  if (statement.actionKey === 'NotAction') return true;
  return statement.actions.some((item) => {
    const colon = item.value.indexOf(':');
    const service = colon > 0 ? item.value.slice(0, colon) : item.value;
    return /[*?]/.test(service) || METHOD_SERVICES.has(service.toLowerCase());
  });
}

/** Across the policies of each role resource: methods no single policy completes. */
function checkRoles(context: RuleContext, perPolicy: ReadonlySet<string>): void {
  for (const { role, roleName, sources } of templateRolePolicies(context.document, context.filePath)) {
    if (sources.length < 2) continue;
    const grantsBySource = sources.map((source) => source.statements.map((statement) => grantOfEvaluated(statement, source, context)));
    const all = grantsBySource.flat();
    if (all.some(isAdministrator)) continue;
    const singles = new Set(grantsBySource.flatMap((grants) => completedMethods(grants).map((method) => method.name)));
    const found = completedMethods(all).filter((method) => !singles.has(method.name) && !perPolicy.has(method.name));
    if (found.length === 0) continue;
    const related: RelatedSpan[] = found
      .flatMap((method) => method.anchors)
      .slice(0, 20)
      .map((span) => ({ span, message: 'part of the privilege-escalation method' }));
    context.report({
      at: role.idNode,
      message: message(found, `Together, the policies of role \`${roleName}\` (${sources.map((source) => source.label).join(', ')})`),
      related,
    });
  }
}

function message(found: ReturnType<typeof completedMethods>, subject: string): string {
  const first = found[0];
  const more =
    found.length > 1
      ? ` (and ${found.length - 1} more method${found.length === 2 ? '' : 's'}: ${found
          .slice(1, 4)
          .map((method) => method.name)
          .join(', ')}${found.length > 4 ? ', ...' : ''})`
      : '';
  return `${subject} allow${subject.startsWith('This') ? 's' : ''} ${listOf(first.actions, 5)} on every resource: with ${first.actions.length === 1 ? 'it' : 'them'} an attacker holding these credentials can ${first.attack} (privilege-escalation method ${first.name})${more}. Scope these actions to the resources this principal manages.`;
}

function completedMethods(grants: readonly Grant[]): Array<{ name: string; actions: readonly string[]; attack: string; anchors: Node[] }> {
  const result: Array<{ name: string; actions: readonly string[]; attack: string; anchors: Node[] }> = [];
  for (const method of PRIVILEGE_ESCALATION_METHODS) {
    const anchors: Node[] = [];
    let complete = true;
    for (const action of method.actions) {
      const anchor = allowedUnconstrained(grants, action);
      if (anchor === undefined) {
        complete = false;
        break;
      }
      if (anchor && !anchors.includes(anchor)) anchors.push(anchor);
    }
    if (complete && anchors.length > 0) result.push({ ...method, anchors });
  }
  return result;
}

/** The node granting `action` unconstrained (null when granted outside this document), or undefined. */
function allowedUnconstrained(grants: readonly Grant[], action: string): Node | null | undefined {
  const matching = (grant: Grant): number => {
    const { exact, wild } = indexed(grant);
    const at = exact.get(action.toLowerCase());
    if (at !== undefined) return at;
    for (const index of wild) if (matchesWildcard(grant.actions![index], action)) return index;
    return -1;
  };
  const denied = grants.some(
    (grant) => grant.effect === 'Deny' && !grant.conditional && grant.everyResource && grant.actions && matching(grant) >= 0,
  );
  if (denied) return undefined;
  for (const grant of grants) {
    if (grant.effect !== 'Allow' || grant.conditional || !grant.everyResource) continue;
    if (grant.actions) {
      const index = matching(grant);
      if (index >= 0) return grant.anchors[index] ?? grant.statement ?? null;
    } else if (grant.notActions && !grant.notActions.some((pattern) => matchesWildcard(pattern, action))) {
      return grant.statement ?? null;
    }
  }
  return undefined;
}

function indexed(grant: Grant): { exact: Map<string, number>; wild: number[] } {
  if (!grant.exact || !grant.wild) {
    grant.exact = new Map();
    grant.wild = [];
    (grant.actions ?? []).forEach((pattern, index) => {
      if (/[*?]/.test(pattern)) grant.wild!.push(index);
      else if (!grant.exact!.has(pattern.toLowerCase())) grant.exact!.set(pattern.toLowerCase(), index);
    });
  }
  return { exact: grant.exact, wild: grant.wild };
}

/** `*` on `*` without a condition: administrator access, reported by `iam/admin-access`; nothing to escalate to. */
function isAdministrator(grant: Grant): boolean {
  return (
    grant.effect === 'Allow' &&
    !grant.conditional &&
    grant.everyResource &&
    (grant.actions ?? []).some((action) => action === '*' || action === '*:*')
  );
}

/** `*`, or an ARN whose resource part is only a wildcard after its type (`role/*`, `function:*`, `*`). */
function namesEveryResource(resource: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  return /^(?:[A-Za-z-]+[/:])?\*$/.test(parts.slice(5).join(':'));
}

function grantOfView(statement: StatementView): Grant {
  return {
    effect: statement.effect,
    actions: statement.actionKey === 'Action' ? statement.actions.map((item) => item.value) : undefined,
    notActions: statement.actionKey === 'NotAction' ? statement.actions.map((item) => item.value) : undefined,
    everyResource: statement.resourceKey === 'NotResource' || statement.resources.some((item) => namesEveryResource(item.value)),
    conditional: statement.conditionNode !== undefined,
    anchors: statement.actionKey === 'Action' ? statement.actions.map((item) => item.node) : [],
    statement: statement.node,
  };
}

function grantOfEvaluated(statement: EvaluatedStatement, source: PolicySource, context: RuleContext): Grant {
  // A statement of this template: read its Resource from the text, so a Ref or Fn::GetAtt (resolved to `*` by
  // the roles engine's patterns) counts as the one resource it names, not as every resource.
  const node = source.document?.root === context.document.root ? statement.node : undefined;
  let everyResource = statement.notResources !== undefined || (statement.resources ?? []).some(namesEveryResource);
  if (node && property(node, 'Resource')) {
    everyResource = stringItems(property(node, 'Resource')).some((item) => namesEveryResource(item.value));
  }
  const actionNode = node ? property(node, 'Action') : undefined;
  const anchors = actionNode ? stringItems(actionNode).map((item) => item.node) : [];
  return {
    effect: statement.effect,
    actions: statement.actions,
    notActions: statement.notActions,
    everyResource,
    conditional: statement.conditions.length > 0,
    // Anchors line up with the action patterns only when every item is a plain string.
    anchors: anchors.length === (statement.actions ?? []).length ? anchors : [],
    statement: node,
  };
}
