// Elements whose value has the wrong JSON type.
import { arrayItems, objectProperties, property, type Node } from '../../core/json';
import { isIntrinsic } from '../../core/intrinsics';
import type { Rule, RuleContext } from '../../core/rule';
import { IAM_GRAMMAR_URL, allStatements } from '../../iam/policyModel';
import { POLICY_KINDS, STRING_OR_LIST } from './shared';

export const valueType: Rule = {
  meta: {
    id: 'iam/value-type',
    title: 'A policy element has a value of the wrong type',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: IAM_GRAMMAR_URL,
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      '`Version`, `Id`, `Sid` and `Effect` are strings; `Action`, `NotAction`, `Resource` and `NotResource` are a string or',
      'an array of strings; `Condition` is an object of operators, each an object of keys, each a value or an array of values.',
      'IAM rejects other shapes.',
    ].join('\n'),
  },
  check(context) {
    for (const { node } of context.document.policies) {
      for (const name of ['Version', 'Id']) {
        const value = property(node, name);
        if (value && value.type !== 'string' && !isIntrinsic(value)) {
          context.report({ at: value, message: `\`${name}\` must be a string.` });
        }
      }
    }
    for (const statement of allStatements(context.document)) {
      for (const name of STRING_OR_LIST) {
        const value = property(statement.node, name);
        if (!value) continue;
        if (value.type === 'array') {
          for (const item of arrayItems(value)) {
            if (item.type !== 'string' && !isIntrinsic(item)) {
              context.report({
                at: item,
                message: `Each entry of \`${name}\` must be a string${name.includes('Action') ? ' such as "s3:GetObject"' : ' (an ARN or "*")'}.`,
              });
            }
          }
        } else if (value.type !== 'string' && !isIntrinsic(value)) {
          context.report({ at: value, message: `\`${name}\` must be a string or an array of strings.` });
        }
      }
      const condition = statement.conditionNode;
      if (condition) checkCondition(context, condition);
    }
  },
};

function checkCondition(context: RuleContext, condition: Node): void {
  if (condition.type !== 'object' || isIntrinsic(condition)) {
    if (isIntrinsic(condition)) return;
    context.report({
      at: condition,
      message: '`Condition` must be an object: `{ "StringEquals": { "aws:SourceAccount": "123456789012" } }`.',
    });
    return;
  }
  for (const operator of objectProperties(condition)) {
    if (operator.value?.type !== 'object' || isIntrinsic(operator.value)) {
      if (isIntrinsic(operator.value)) continue;
      context.report({
        at: operator.value ?? operator.key,
        message: `The value of \`${operator.name}\` must be an object mapping condition keys to values.`,
      });
      continue;
    }
    for (const key of objectProperties(operator.value)) {
      const value = key.value;
      if (!value) continue;
      const scalar = (node: Node) => node.type === 'string' || node.type === 'number' || node.type === 'boolean' || isIntrinsic(node);
      if (value.type === 'array') {
        for (const item of arrayItems(value)) {
          if (!scalar(item)) {
            context.report({ at: item, message: `Values of \`${key.name}\` must be strings (numbers and booleans are accepted too).` });
          }
        }
      } else if (!scalar(value)) {
        context.report({ at: value, message: `The value of \`${key.name}\` must be a string or an array of strings.` });
      }
    }
  }
}
