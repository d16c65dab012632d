// Policy variables (`${aws:username}`): written with both braces, no spaces, a name, and only where IAM
// replaces them (Resource and Condition values; not Action or Principal).
import type { Rule } from '../../core/rule';
import { innerSpan } from '../../core/rule';
import { allStatements, conditionEntries, POLICY_VARIABLE, type StringItem } from '../../iam/policyModel';
import { parseOperator } from '../../iam/conditionOperators';
import { POLICY_KINDS, replaceFix } from './shared';

const VARIABLES_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html';

/** What is wrong with the policy variables of one string, or undefined. */
function variableProblem(value: string): { message: string; repaired?: string } | undefined {
  let index = value.indexOf('${');
  while (index >= 0) {
    const close = value.indexOf('}', index + 2);
    const nextOpen = value.indexOf('${', index + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      const name = /^[A-Za-z0-9-]+:[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.:+=@-]+)?/.exec(value.slice(index + 2))?.[0];
      return {
        message: `has \`\${\` without its closing \`}\`, so IAM does not read it as a policy variable and compares the text literally.${name ? ` Write \`\${${name}}\`.` : ''}`,
        repaired: name ? value.slice(0, index + 2) + name + '}' + value.slice(index + 2 + name.length) : undefined,
      };
    }
    const inner = value.slice(index + 2, close);
    if (!['*', '?', '$'].includes(inner)) {
      if (inner.trim() === '') return { message: 'has an empty policy variable `${}`; name the key, such as `${aws:username}`.' };
      const defaulted = /^([^,\s]+)\s*,\s*(.*)$/s.exec(inner);
      if (defaulted && !/^'[^']*'$/.test(defaulted[2])) {
        // IAM Access Analyzer: "Missing quote in variable". The default value goes in single quotes.
        const fixed = `${defaulted[1]}, '${defaulted[2].replace(/^'|'$/g, '')}'`;
        return {
          message: `gives \`\${${inner}}\` a default value without single quotes; IAM reads a default only as \`\${key, 'value'}\`. Write \`\${${fixed}}\`.`,
          repaired: value.slice(0, index + 2) + fixed + value.slice(close),
        };
      }
      const name = defaulted ? defaulted[1] : inner;
      const symbol = /[^A-Za-z0-9_.:/=+@\s-]/.exec(name);
      if (symbol) {
        // IAM Access Analyzer: "Unsupported symbol in variable".
        return {
          message: `has \`${symbol[0]}\` inside \`\${${inner}}\`; a variable names a request key (letters, digits and \`_.:/=+@-\`), so IAM does not replace it.`,
        };
      }
      if (/\s/.test(inner) && !/,\s*'/.test(inner)) {
        const tight = inner.replace(/\s+/g, '');
        return {
          message: `has spaces inside \`\${${inner}}\`; IAM does not accept them. Write \`\${${tight}}\`.`,
          repaired: value.slice(0, index + 2) + tight + value.slice(close),
        };
      }
    }
    index = value.indexOf('${', close + 1);
  }
  return undefined;
}

export const policyVariable: Rule = {
  meta: {
    id: 'iam/policy-variable',
    title: 'A policy variable is malformed, or used where IAM does not replace it',
    defaultSeverity: 'error',
    phase: 'runtime',
    docsUrl: VARIABLES_URL,
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'Policy variables such as `${aws:username}` or `${aws:PrincipalTag/team}` are replaced in `Resource` and in',
      'condition values. IAM Access Analyzer reports as errors a variable without its closing brace, one with spaces',
      'inside, an empty `${}`, a default value without single quotes (`${aws:username, none}`), a variable under an',
      'operator other than String and ARN ones (`NumericLessThan`, `IpAddress`, `Bool`, ...), and a variable in `Action`',
      'or `NotAction`, where it is never replaced. The special',
      '`${*}`, `${?}` and `${$}` stand for the characters themselves.',
    ].join('\n'),
  },
  check(context) {
    const report = (item: StringItem) => {
      const problem = variableProblem(item.value);
      if (!problem) return;
      context.report({
        at: innerSpan(item.node),
        message: `\`${item.value}\` ${problem.message}`,
        fixes: problem.repaired ? [replaceFix(`Change to "${problem.repaired}"`, item.node, problem.repaired)] : [],
      });
    };
    for (const statement of allStatements(context.document)) {
      for (const item of statement.resources) report(item);
      for (const entry of conditionEntries(statement)) {
        for (const item of entry.values) if (item.node.type === 'string') report(item);
        const family = parseOperator(entry.operator)?.family;
        if (!family || family === 'String' || family === 'Arn') continue;
        const withVariable = entry.values.find((item) => POLICY_VARIABLE.test(item.value));
        if (!withVariable) continue;
        // IAM Access Analyzer: "Invalid variable for operator".
        context.report({
          at: innerSpan(withVariable.node),
          message: `\`${withVariable.value}\` has a policy variable, but IAM replaces variables only under String and ARN operators; under \`${entry.operator}\` it is compared literally and never holds a ${family === 'IpAddress' ? 'range' : family === 'Null' ? 'true/false' : family.toLowerCase()} value. Use a literal value, or a String operator.`,
        });
      }
      for (const item of statement.actions) {
        if (!/\$\{(?![*?$]\})[^}]*\}/.test(item.value)) continue;
        context.report({
          at: innerSpan(item.node),
          message: `\`${item.value}\` has a policy variable, but IAM replaces variables only in \`Resource\` and condition values; in \`${statement.actionKey}\` it is compared literally and matches no action. Name the action.`,
        });
      }
    }
  },
};
