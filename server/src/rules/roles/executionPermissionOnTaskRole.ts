import { arrayItems, property, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { secretArnOf } from '../../ecs/executionRoleNeeds';
import { patternsIntersect } from '../../roles/patterns';
import { probeResource } from '../../roles/check';
import { allowedActions, describeUses, policyScopes, usesOfThisPolicy } from './policyUses';

const IMAGE_PULL_ACTIONS = [
  'ecr:getauthorizationtoken',
  'ecr:batchchecklayeravailability',
  'ecr:getdownloadurlforlayer',
  'ecr:batchgetimage',
];
const SECRET_ACTIONS = ['secretsmanager:getsecretvalue', 'ssm:getparameters', 'ssm:getparameter'];

export const executionPermissionOnTaskRole: Rule = {
  meta: {
    id: 'iam/execution-permission-on-task-role',
    title: 'A policy linked to a task role grants what the execution role needs (image pulls, injected secrets)',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
    fixable: false,
    appliesTo: ['iam-identity-policy', 'cloudformation-template'],
    description: [
      'Pulling images and reading the secrets listed in `secrets` happen before your containers start, with the',
      'execution role. Granting them on the task role gives every container the power to pull images and read',
      'those secrets at run time, and does not help the task start. Move them to the execution role (keep a secret',
      'read on the task role only if the application itself reads that secret through the SDK).',
    ].join('\n'),
  },
  check(whole) {
    // In a template, each policy is checked against the task definitions whose role it belongs to.
    for (const context of policyScopes(whole)) {
      // A role that task definitions also use as their execution role needs these permissions there: the
      // misuse is the task definition naming it as a task role (ecs/task-role-is-execution-role,
      // ecs/same-task-and-execution-role report it there), not this policy.
      const executionRoles = new Set(usesOfThisPolicy(context, 'executionRoleArn', 'permission').map((use) => use.roleName.toLowerCase()));
      const uses = usesOfThisPolicy(context, 'taskRoleArn', 'permission').filter((use) => !executionRoles.has(use.roleName.toLowerCase()));
      if (uses.length === 0) continue;
      const injected = uses.flatMap((use) =>
        arrayItems(property(use.taskDefinition.node, 'containerDefinitions')).flatMap((container) =>
          arrayItems(property(container, 'secrets')).map((secret) => ({
            name: stringValue(property(secret, 'name')) ?? '?',
            arn: secretArnOf(stringValue(property(secret, 'valueFrom')) ?? ''),
          })),
        ),
      );
      for (const item of allowedActions(context)) {
        const action = item.action.toLowerCase();
        if (IMAGE_PULL_ACTIONS.includes(action)) {
          context.report({
            at: item.node,
            message: `\`${item.action}\` is an image-pull permission, but this policy is linked to the task role \`${uses[0].roleName}\` of ${describeUses(context, uses)}. ECS pulls images with the execution role; move it there.`,
          });
          continue;
        }
        if (!SECRET_ACTIONS.includes(action)) continue;
        const scoped = item.resources.filter((resource) => resource !== '*');
        const hit = injected.find(
          (secret) => secret.arn && scoped.some((resource) => patternsIntersect(resource, probeResource(secret.arn))),
        );
        if (hit) {
          context.report({
            at: item.node,
            message: `ECS injects the secret \`${hit.name}\` with the execution role before the container starts; granting \`${item.action}\` on it to the task role \`${uses[0].roleName}\` lets the application read it again at run time. Move it to the execution role unless the application reads this secret itself.`,
          });
        }
      }
    }
  },
};
