import { objectProperties } from '../../core/json';
import type { Rule } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import { IAM_GRAMMAR_URL, allStatements } from '../../iam/policyModel';
import { POLICY_KINDS, replaceFix } from './shared';

const POLICY_KEYS = ['Version', 'Id', 'Statement'];
const STATEMENT_KEYS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

export const unknownKey: Rule = {
  meta: {
    id: 'iam/unknown-key',
    title: 'Unknown element in a policy or statement',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: IAM_GRAMMAR_URL,
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'A policy has only `Version`, `Id` and `Statement`; a statement only `Sid`, `Effect`, `Principal`/`NotPrincipal`,',
      '`Action`/`NotAction`, `Resource`/`NotResource` and `Condition`. Element names are case-sensitive, and IAM',
      'rejects a policy with any other element.',
    ].join('\n'),
  },
  check(context) {
    const check = (node: Parameters<typeof objectProperties>[0], known: string[], where: string) => {
      for (const entry of objectProperties(node)) {
        if (known.includes(entry.name)) continue;
        const suggestion = known.find((key) => key.toLowerCase() === entry.name.toLowerCase()) ?? closestMatch(entry.name, known);
        context.report({
          at: entry.key,
          message: `\`${entry.name}\` is not a${where === 'policy' ? ' policy' : ' statement'} element, so IAM rejects the policy.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} ${where === 'policy' ? 'A policy' : 'A statement'} has ${known.map((key) => `\`${key}\``).join(', ')}.`,
          fixes: suggestion ? [replaceFix(`Rename to "${suggestion}"`, entry.key, suggestion)] : [],
        });
      }
    };
    for (const { node } of context.document.policies) check(node, POLICY_KEYS, 'policy');
    for (const statement of allStatements(context.document)) check(statement.node, STATEMENT_KEYS, 'statement');
  },
};
