import { templateResources } from '../../core/classify';
import { arrayItems, property, stringValue, type Node } from '../../core/json';
import type { Rule } from '../../core/rule';
import { innerSpan } from '../../core/rule';
import { secretArnKind } from '../../ecs/executionRoleNeeds';
import { containerLabel, containersOf, ecsViews } from '../../ecs/taskDefinition';

const PARTIAL_ARN_URL = 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot.html#ARN_secretnamehyphen';

export const secretPartialArn: Rule = {
  meta: {
    id: 'ecs/secret-partial-arn',
    title: 'A Secrets Manager reference that is a partial ARN, or whose name ends like the random suffix',
    defaultSeverity: 'info',
    phase: 'start',
    docsUrl: PARTIAL_ARN_URL,
    fixable: false,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'Secrets Manager appends a hyphen and six random characters to every secret name in its ARN. A reference',
      'without them is a *partial ARN*: Secrets Manager finds the secret by prefix while exactly one secret matches,',
      'and a policy that scopes the execution role to the secret must match the complete ARN (`NAME-??????`), not',
      'the partial one (info). A secret whose own name ends in a hyphen and six characters (`db-pass-abc123`) is',
      'worse: its partial ARN looks complete, so Secrets Manager looks for a secret named `db-pass` instead and may',
      'find another secret or none (warning, where the secret is defined in the same template). Use the complete',
      'ARN (`Ref` of the secret in a template), and avoid such names.',
    ].join('\n'),
  },
  check(context) {
    const root = context.document.root;
    // Secrets of the same template whose names end like the random suffix.
    const suffixedNames = new Set(
      templateResources(context.document.kind === 'cloudformation-template' ? root : undefined)
        .filter((resource) => resource.type === 'AWS::SecretsManager::Secret')
        .map((resource) => stringValue(property(resource.properties, 'Name')))
        .filter((name): name is string => name !== undefined && /-[A-Za-z0-9]{6}$/.test(name)),
    );
    const checkOne = (node: Node | undefined, where: string) => {
      if (node?.type !== 'string') return;
      const reference = secretArnKind(String(node.value));
      if (!reference) return;
      if (reference.kind === 'complete' && suffixedNames.has(reference.name)) {
        context.report({
          at: innerSpan(node),
          severity: 'warning',
          message: `${where} names the secret \`${reference.name}\` by its partial ARN, but that name ends in a hyphen and six characters, so Secrets Manager takes them for the random suffix of a complete ARN and looks for a secret named \`${reference.name.slice(0, -7)}\`: it may read another secret, or find none. Use the secret's complete ARN (its \`Ref\`), or rename the secret.`,
        });
      } else if (reference.kind === 'partial') {
        context.report({
          at: innerSpan(node),
          message: `${where} is a partial ARN (the secret name \`${reference.name}\` without the \`-\` and six random characters Secrets Manager appends). It works while exactly one secret's name starts with it, and a policy scoped to this secret must match \`${reference.name}-??????\`. Prefer the complete ARN.`,
        });
      }
    };
    for (const view of ecsViews(context.document)) {
      containersOf(view.node).forEach((container, index) => {
        const label = containerLabel(container, index);
        for (const secret of arrayItems(property(container.node, 'secrets'))) {
          checkOne(property(secret, 'valueFrom'), `\`valueFrom\` of secret \`${stringValue(property(secret, 'name')) ?? '?'}\` (${label})`);
        }
        for (const secret of arrayItems(property(property(container.node, 'logConfiguration'), 'secretOptions'))) {
          checkOne(
            property(secret, 'valueFrom'),
            `\`valueFrom\` of log secret option \`${stringValue(property(secret, 'name')) ?? '?'}\` (${label})`,
          );
        }
        checkOne(
          property(property(container.node, 'repositoryCredentials'), 'credentialsParameter'),
          `\`repositoryCredentials.credentialsParameter\` (${label})`,
        );
      });
    }
  },
};
