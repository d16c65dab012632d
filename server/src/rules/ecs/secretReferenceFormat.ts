import { arrayItems, property, stringValue, type Node } from '../../core/json';
import type { Rule } from '../../core/rule';
import { innerSpan } from '../../core/rule';
import { secretReferenceProblem } from '../../ecs/arnFormat';
import { ECS_DOCS } from '../../ecs/links';
import { containerLabel, containersOf, ecsViews } from '../../ecs/taskDefinition';

export const secretReferenceFormat: Rule = {
  meta: {
    id: 'ecs/secret-reference-format',
    title: 'A secret reference that is not a Secrets Manager or SSM parameter ARN or name',
    defaultSeverity: 'error',
    phase: 'start',
    docsUrl: ECS_DOCS.secrets,
    fixable: false,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      '`secrets[].valueFrom` and `logConfiguration.secretOptions[].valueFrom` take a Secrets Manager secret ARN',
      '(`arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME`, optionally followed by',
      '`:json-key:version-stage:version-id` to pick one key or version), an SSM parameter ARN',
      '(`arn:aws:ssm:REGION:ACCOUNT:parameter/NAME`), or the name of a parameter in the same region.',
      '`repositoryCredentials.credentialsParameter` takes a Secrets Manager secret ARN or name. Anything else',
      'fails when the task starts; the message says which part is wrong.',
    ].join('\n'),
  },
  check(context) {
    const checkOne = (node: Node | undefined, where: string, allowParameter: boolean) => {
      const value = stringValue(node);
      if (!node || value === undefined) return;
      const problem = secretReferenceProblem(value, allowParameter);
      if (!problem) return;
      context.report({
        at: node.length > 2 ? innerSpan(node) : node,
        message: `${where} is not a valid ${allowParameter ? 'secret reference' : 'registry credentials secret'}: ${problem}.`,
        docsUrl: allowParameter ? ECS_DOCS.secrets : ECS_DOCS.privateRegistry,
      });
    };
    for (const view of ecsViews(context.document)) {
      containersOf(view.node).forEach((container, index) => {
        const label = containerLabel(container, index);
        for (const secret of arrayItems(property(container.node, 'secrets'))) {
          checkOne(
            property(secret, 'valueFrom'),
            `\`valueFrom\` of secret \`${stringValue(property(secret, 'name')) ?? '?'}\` (${label})`,
            true,
          );
        }
        for (const secret of arrayItems(property(property(container.node, 'logConfiguration'), 'secretOptions'))) {
          checkOne(
            property(secret, 'valueFrom'),
            `\`valueFrom\` of log secret option \`${stringValue(property(secret, 'name')) ?? '?'}\` (${label})`,
            true,
          );
        }
        checkOne(
          property(property(container.node, 'repositoryCredentials'), 'credentialsParameter'),
          `\`repositoryCredentials.credentialsParameter\` (${label})`,
          false,
        );
      });
    }
  },
};
