import { templateResources } from '../../core/classify';
import { replaceWithString } from '../../core/edits';
import { resolveStrings } from '../../core/intrinsics';
import { keyNode, property, type Node } from '../../core/json';
import type { Rule } from '../../core/rule';
import {
  nameParameters,
  SAM_FUNCTION_POLICIES_URL,
  SAM_POLICY_TEMPLATE_NAMES,
  SAM_POLICY_TEMPLATES,
  SAM_POLICY_TEMPLATES_URL,
  SAM_ROLE_RESOURCE_TYPES,
  samPolicyEntries,
} from '../../core/sam';
import { closestMatch } from '../../core/suggest';

/** `arn:aws:sqs:us-east-1:123456789012:orders` -> `orders`, `arn:aws:dynamodb:...:table/Orders` -> `Orders`. */
function nameInArn(arn: string): string | undefined {
  const afterColon = arn.slice(arn.lastIndexOf(':') + 1);
  const name = afterColon.slice(afterColon.lastIndexOf('/') + 1);
  return /^[\w.-]+$/.test(name) ? name : undefined;
}

function actionsOf(templateName: string): string[] {
  const actions: string[] = [];
  for (const statement of SAM_POLICY_TEMPLATES[templateName]?.statements ?? []) {
    const action = (statement as { Action?: unknown }).Action;
    for (const item of Array.isArray(action) ? action : [action]) if (typeof item === 'string') actions.push(item);
  }
  return actions;
}

export const policies: Rule = {
  meta: {
    id: 'sam/policies',
    title: 'A SAM Policies entry SAM rejects, ignores, or builds into an ARN that names nothing',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: SAM_POLICY_TEMPLATES_URL,
    fixable: true,
    appliesTo: ['cloudformation-template'],
    description: [
      'In an `AWS::Serverless::Function` or `StateMachine`, SAM turns each `Policies` entry into a policy of the role it',
      'generates: a managed policy name, a policy document, or a policy template such as `SQSPollerPolicy: {QueueName: ...}`.',
      'SAM rejects a template name it does not know and a template without one of its parameters (error). It ignores',
      '`Policies` entirely when `Role` is set (warning). A parameter that takes a name (`QueueName`, `BucketName`) given',
      'an ARN makes SAM build `arn:...:arn:...`, which names no resource, so the function is denied (warning, with a fix',
      'that keeps the name).',
    ].join('\n'),
  },
  check(context) {
    for (const resource of templateResources(context.document.root)) {
      if (!SAM_ROLE_RESOURCE_TYPES.has(resource.type)) continue;
      const policiesNode = property(resource.properties, 'Policies');
      if (!policiesNode) continue;
      const role = property(resource.properties, 'Role');
      if (role) {
        context.report({
          at: keyNode(policiesNode) ?? policiesNode,
          severity: 'warning',
          phase: 'runtime',
          message: `SAM ignores \`Policies\` when \`Role\` is set: none of these policies reach ${resource.id}'s role. Put them on the role itself, or remove \`Role\` so that SAM generates \`${resource.id}Role\` with them.`,
          docsUrl: SAM_FUNCTION_POLICIES_URL,
        });
        continue;
      }
      for (const entry of samPolicyEntries(resource.id, resource.properties)) {
        if (entry.kind === 'invalid') {
          const name = entry.entry.type === 'object' ? entry.entry.children?.[0]?.children?.[0] : undefined;
          const written = name && entry.entry.children?.length === 1 ? String(name.value) : undefined;
          const suggestion = written ? closestMatch(written, SAM_POLICY_TEMPLATE_NAMES) : undefined;
          context.report({
            at: name ?? entry.entry,
            message: written
              ? `\`${written}\` is not a SAM policy template${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}, nor a policy document (no \`Statement\`); SAM rejects the template.`
              : 'This `Policies` entry is neither a managed policy name or ARN, a policy document (with `Statement`), nor a SAM policy template; SAM rejects the template.',
            fixes:
              suggestion && name
                ? [{ title: `Change to ${suggestion}`, edits: [replaceWithString(name, suggestion)], isPreferred: true }]
                : [],
          });
          continue;
        }
        if (entry.kind !== 'template') continue;
        if (entry.missing.length > 0) {
          context.report({
            at: entry.nameNode,
            message: `SAM policy template \`${entry.name}\` needs ${entry.missing.map((name) => `\`${name}\``).join(' and ')}; SAM rejects the template without ${entry.missing.length === 1 ? 'it' : 'them'}.`,
          });
        }
        const parameters = entry.entry.children?.[0]?.children?.[1];
        for (const parameter of nameParameters(entry.name)) {
          const given = property(parameters, parameter);
          const value = given ? resolveStrings(given, 'exact') : undefined;
          if (!given || !value || value.length !== 1 || !value[0].startsWith('arn:')) continue;
          const name = nameInArn(value[0]);
          const actions = actionsOf(entry.name);
          context.report({
            at: given,
            severity: 'warning',
            phase: 'runtime',
            message: `${entry.name} grants ${actions.slice(0, 3).join(', ')}${actions.length > 3 ? ` and ${actions.length - 3} more` : ''} on an ARN SAM builds from \`${parameter}\`, which takes a name, not an ARN: with \`${value[0]}\` the resource becomes \`arn:…:${value[0]}\` and names nothing, so every call is denied.${name ? ` Give \`${name}\`.` : ''}`,
            fixes:
              name && given.type === 'string'
                ? [{ title: `Use the name ${name}`, edits: [replaceWithString(given as Node, name)], isPreferred: true }]
                : [],
          });
        }
      }
    }
  },
};
