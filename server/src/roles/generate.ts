// Generates least-privilege policies from a task definition: the execution role's permissions, the
// ECS trust policy with confused-deputy conditions, and the task role's permissions the definition
// reveals. Every resource is scoped as tightly as the task definition allows.
import { property, stringValue, type Node } from '../core/json';
import { taskDefinitionContext } from '../ecs/executionRoleNeeds';
import { sidFrom } from './check';
import { needsOfRole, type RoleNeed } from './taskRoleNeeds';

export type GeneratedPolicyKind = 'execution' | 'trust' | 'task';

export interface GeneratedPolicy {
  kind: GeneratedPolicyKind;
  /** A file name to suggest, e.g. `orders-api-execution-role-policy.json`. */
  fileName: string;
  /** The policy as JSON text, two-space indented. */
  content: string;
  /** Statements generated (0 when the task definition reveals nothing for that role). */
  statementCount: number;
}

/** One statement per distinct (actions, resource) pair; actions of the same resource are merged. */
function statementsFor(needs: readonly RoleNeed[]): Array<Record<string, unknown>> {
  const byResource = new Map<string, { actions: Set<string>; summary: string }>();
  for (const need of needs) {
    for (const permission of need.permissions) {
      // A situational permission only where the first use needs it (a pull through cache repository's creation), not root access to EFS.
      if (permission.onlyIf && !permission.generated) continue;
      const entry = byResource.get(permission.resource) ?? { actions: new Set<string>(), summary: need.summary };
      permission.actions.forEach((action) => entry.actions.add(action));
      byResource.set(permission.resource, entry);
    }
  }
  // Statements that share the same actions are merged into one with several resources.
  const byActions = new Map<string, { actions: string[]; resources: string[]; summary: string }>();
  for (const [resource, { actions, summary }] of byResource) {
    const sorted = [...actions].sort();
    const key = sorted.join(',');
    const entry = byActions.get(key) ?? { actions: sorted, resources: [], summary };
    entry.resources.push(resource);
    byActions.set(key, entry);
  }
  const usedSids = new Set<string>();
  return [...byActions.values()].map(({ actions, resources, summary }) => {
    let sid = actions.length === 1 && actions[0] === 'ecr:GetAuthorizationToken' ? 'GetEcrAuthorizationToken' : sidFrom(summary);
    for (let n = 2; usedSids.has(sid); n++) sid = `${sidFrom(summary)}${n}`;
    usedSids.add(sid);
    return {
      Sid: sid,
      Effect: 'Allow',
      Action: actions.length === 1 ? actions[0] : actions,
      Resource: resources.length === 1 ? resources[0] : resources.sort(),
    };
  });
}

function familyOf(taskDefinition: Node): string {
  return (stringValue(property(taskDefinition, 'family')) ?? 'task').replace(/[^A-Za-z0-9_.-]+/g, '-');
}

const render = (policy: unknown) => `${JSON.stringify(policy, null, 2)}\n`;

export function generatePolicy(taskDefinition: Node, kind: GeneratedPolicyKind): GeneratedPolicy {
  const family = familyOf(taskDefinition);
  if (kind === 'trust') {
    const { account, region, partition } = taskDefinitionContext(taskDefinition);
    const accountId = account ?? '<account-id>';
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowEcsTasksToAssumeThisRole',
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          // Against the confused-deputy problem: only ECS acting for this account may assume the role.
          Condition: {
            StringEquals: { 'aws:SourceAccount': accountId },
            ArnLike: { 'aws:SourceArn': `arn:${partition}:ecs:${region ?? '*'}:${accountId}:*` },
          },
        },
      ],
    };
    return { kind, fileName: `${family}-trust-policy.json`, content: render(policy), statementCount: 1 };
  }
  const needs = needsOfRole(taskDefinition, kind === 'execution' ? 'executionRoleArn' : 'taskRoleArn');
  const statements = statementsFor(needs);
  return {
    kind,
    fileName: `${family}-${kind === 'execution' ? 'execution' : 'task'}-role-policy.json`,
    content: render({ Version: '2012-10-17', Statement: statements }),
    statementCount: statements.length,
  };
}
