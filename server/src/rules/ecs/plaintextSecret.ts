import { arrayItems, property, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { indentationAt } from '../../core/layout';
import { appendArrayItem, insertProperty, removeNodes } from '../../core/edits';
import { taskDefinitionContext } from '../../ecs/executionRoleNeeds';
import { ECS_DOCS } from '../../ecs/links';
import { plaintextSecretReason } from '../../ecs/plaintextSecrets';
import { containerLabel, containersOf, ecsViews } from '../../ecs/taskDefinition';

export const plaintextSecret: Rule = {
  meta: {
    id: 'ecs/plaintext-secret',
    title: 'A secret in a plain environment variable',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: ECS_DOCS.secrets,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'Values in `environment` are stored in the task definition in clear text: anyone allowed to',
      '`DescribeTaskDefinition` can read them, and they end up in CI logs and source control. Passwords, tokens,',
      'API keys and access keys belong in Secrets Manager or SSM Parameter Store, referenced from `secrets`',
      '(ECS injects them as environment variables at start, with the execution role). The rule looks at names',
      '(PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, ...; not names ending in `_ARN`, `_NAME`, `_ID` that point',
      'to a secret) and at values (`AKIA...` access keys, private keys, tokens, URLs with a password). The quick',
      'fix moves the entry to `secrets` with a Secrets Manager ARN to fill in; rotate the exposed value.',
    ].join('\n'),
  },
  check(context) {
    const { text } = context.document;
    for (const view of ecsViews(context.document)) {
      let where: ReturnType<typeof taskDefinitionContext> | undefined;
      containersOf(view.node).forEach((container, index) => {
        const environment = property(container.node, 'environment');
        for (const entry of arrayItems(environment)) {
          const name = stringValue(property(entry, 'name'));
          const valueNode = property(entry, 'value');
          const value = stringValue(valueNode);
          if (!name || value === undefined || !valueNode) continue;
          const reason = plaintextSecretReason(name, value);
          if (!reason) continue;
          where ??= taskDefinitionContext(view.node);
          const placeholderArn = `arn:${where.partition}:secretsmanager:${where.region ?? '<region>'}:${where.account ?? '<account-id>'}:secret:<secret-name>`;
          const secretItem = `{"name": ${JSON.stringify(name)}, "valueFrom": ${JSON.stringify(placeholderArn)}}`;
          const secrets = property(container.node, 'secrets');
          const addition =
            secrets?.type === 'array'
              ? appendArrayItem(text, secrets, secretItem)
              : insertProperty(
                  text,
                  container.node,
                  'secrets',
                  `[${multiline(text, environment!) ? `\n${indentationAt(text, entry.offset)}${secretItem}\n${indentationAt(text, environment!.parent!.offset)}` : secretItem}]`,
                  environment!.parent,
                );
          context.report({
            at: valueNode,
            message: `Environment variable \`${name}\` in ${containerLabel(container, index)} looks like a secret in clear text: ${reason}. Anyone who can describe the task definition can read it. Store it in Secrets Manager or Parameter Store and reference it from \`secrets\`.`,
            fixes:
              secrets && secrets.type !== 'array'
                ? []
                : [
                    {
                      title: `Move \`${name}\` to secrets (fill in the secret ARN)`,
                      edits: [...removeNodes([entry]), addition],
                      isPreferred: true,
                    },
                  ],
          });
        }
      });
    }
  },
};

function multiline(text: string, node: { offset: number; length: number }): boolean {
  return /[\r\n]/.test(text.slice(node.offset, node.offset + node.length));
}
