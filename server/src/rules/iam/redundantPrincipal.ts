// A principal of a role trust policy that another principal of the same statement already covers (IAM Access
// Analyzer: "Redundant principal in role trust policy").
import { objectProperties, arrayItems, stringValue, type Node } from '../../core/json';
import type { Rule } from '../../core/rule';
import { removeNode } from '../../core/edits';
import { allStatements, elementUrl } from '../../iam/policyModel';

/** `arn:aws:sts::111122223333:assumed-role/app/session` -> `arn:aws:iam::111122223333:role/app` (and any path). */
function roleOfSession(arn: string): { partition: string; account: string; role: string } | undefined {
  const match = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  return match ? { partition: match[1], account: match[2], role: match[3] } : undefined;
}

function isRoleArn(arn: string, session: { partition: string; account: string; role: string }): boolean {
  const match = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return !!match && match[1] === session.partition && match[2] === session.account && match[3] === session.role;
}

export const redundantPrincipal: Rule = {
  meta: {
    id: 'iam/redundant-principal',
    title: 'A principal of a role trust policy is repeated or covered by its role',
    defaultSeverity: 'info',
    phase: 'advice',
    docsUrl: elementUrl('principal'),
    fixable: true,
    appliesTo: ['iam-trust-policy', 'cloudformation-template'],
    description: [
      'In a role trust policy, a principal listed twice, or an assumed-role session',
      '(`arn:aws:sts::111122223333:assumed-role/app/session`) next to its role (`arn:aws:iam::111122223333:role/app`),',
      'adds nothing: the role already covers every one of its sessions. IAM Access Analyzer reports this as',
      '"Redundant principal in role trust policy" (suggestion). The quick fix removes the redundant entry.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (statement.policy.type !== 'trust' || statement.principalKey !== 'Principal' || statement.principalNode?.type !== 'object') {
        continue;
      }
      for (const entry of objectProperties(statement.principalNode)) {
        if (entry.value?.type !== 'array') continue;
        const items = arrayItems(entry.value)
          .map((node) => ({ node, value: stringValue(node) }))
          .filter((item): item is { node: Node; value: string } => item.value !== undefined && item.node.type === 'string');
        const seen = new Set<string>();
        for (const item of items) {
          let message: string | undefined;
          if (seen.has(item.value)) message = `\`${item.value}\` is listed twice in \`${entry.name}\`; remove the repeat.`;
          seen.add(item.value);
          const session = entry.name === 'AWS' ? roleOfSession(item.value) : undefined;
          const role = session && items.find((other) => isRoleArn(other.value, session));
          if (!message && role) {
            message = `The session \`${item.value}\` is already covered by its role \`${role.value}\`, which trusts every session of that role; remove the session.`;
          }
          if (!message) continue;
          context.report({
            at: item.node,
            message,
            fixes: [{ title: `Remove "${item.value}"`, edits: [removeNode(item.node)], isPreferred: true }],
          });
        }
      }
    }
  },
};
