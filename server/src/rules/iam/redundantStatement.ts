// A statement that repeats another statement of the same policy (IAM Access Analyzer: "Redundant statement").
import type { Node } from '../../core/json';
import type { Rule } from '../../core/rule';
import { removeNode } from '../../core/edits';
import { policyModels, sentenceLabel, statementLabel, elementUrl } from '../../iam/policyModel';
import { POLICY_KINDS } from './shared';

/**
 * The statement as a canonical string: keys sorted, lists of strings sorted, `Sid` left out. Statements are
 * shallow (the document's depth limit bounds the recursion).
 */
function canonical(node: Node, top = true): string {
  switch (node.type) {
    case 'object': {
      const entries = (node.children ?? [])
        .map((entry) => [String(entry.children?.[0]?.value), entry.children?.[1]] as const)
        .filter(([name, value]) => value !== undefined && !(top && name === 'Sid'))
        .map(([name, value]) => `${JSON.stringify(name)}:${canonical(value!, false)}`)
        .sort();
      return `{${entries.join(',')}}`;
    }
    case 'array': {
      const items = (node.children ?? []).map((item) => canonical(item, false));
      if ((node.children ?? []).every((item) => item.type === 'string')) items.sort();
      return `[${items.join(',')}]`;
    }
    default:
      return JSON.stringify(node.value ?? null);
  }
}

export const redundantStatement: Rule = {
  meta: {
    id: 'iam/redundant-statement',
    title: 'A statement repeats another statement of the same policy',
    defaultSeverity: 'info',
    phase: 'advice',
    docsUrl: elementUrl('statement'),
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'Two statements with the same effect, actions, resources, principals and conditions (in any order, whatever',
      'their `Sid`) grant or deny the same thing: the second changes nothing, and when someone later edits one of them',
      'the other keeps the old permissions. IAM Access Analyzer reports this as "Redundant statement" (suggestion).',
      'The quick fix removes the repeat.',
    ].join('\n'),
  },
  check(context) {
    for (const model of policyModels(context.document)) {
      if (model.statements.length < 2 || model.policy.sam) continue;
      const seen = new Map<string, (typeof model.statements)[number]>();
      for (const statement of model.statements) {
        if (statement.node.type !== 'object') continue;
        const key = canonical(statement.node);
        const first = seen.get(key);
        if (!first) {
          seen.set(key, statement);
          continue;
        }
        context.report({
          at: statement.node.children?.[0] ?? statement.node,
          message: `${sentenceLabel(statement)} repeats ${statementLabel(first)}: it grants or denies nothing more. Remove it, so that a later edit of one cannot leave the other behind.`,
          related: [{ span: { offset: first.node.offset, length: first.node.length }, message: 'The statement it repeats' }],
          fixes: [{ title: 'Remove the repeated statement', edits: [removeNode(statement.node)], isPreferred: true }],
        });
      }
    }
  },
};
