import { property, propertyNode, stringValue } from '../../core/json';
import { isSubTemplate } from '../../core/intrinsics';
import type { Rule } from '../../core/rule';
import { IAM_ELEMENTS_URL, POLICY_VARIABLE, elementUrl } from '../../iam/policyModel';
import { forEachStringValue } from '../../core/json';
import type { Node } from '../../core/json';
import { insertProperty } from '../../core/edits';
import { POLICY_KINDS, replaceFix } from './shared';

const CURRENT = '2012-10-17';
const VARIABLES_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html';

/** The first IAM policy variable of a policy, as IAM sees it (`${aws:username}`). */
function firstPolicyVariable(policyNode: Node): string | undefined {
  let found: string | undefined;
  forEachStringValue(policyNode, (node) => {
    if (found) return;
    // In a Fn::Sub, `${Name}` is CloudFormation's; an IAM variable is written `${!aws:username}` there.
    const escaped = isSubTemplate(node) ? /\$\{!([^{}$]{1,128})\}/.exec(node.value as string) : undefined;
    if (escaped) found = `\${${escaped[1]}}`;
    else if (!isSubTemplate(node)) found = POLICY_VARIABLE.exec(node.value as string)?.[0];
  });
  return found;
}

export const version: Rule = {
  meta: {
    id: 'iam/version',
    title: 'Version is missing, invalid, or 2008-10-17 with policy variables',
    defaultSeverity: 'warning',
    phase: 'runtime',
    docsUrl: elementUrl('version'),
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'A policy should start with `"Version": "2012-10-17"`. Without `Version`, IAM applies the 2008-10-17 rules,',
      'in which policy variables such as `${aws:username}` are plain text and never replaced. Any other value is rejected.',
    ].join('\n'),
  },
  check(context) {
    const { text } = context.document;
    for (const { node } of context.document.policies) {
      const versionNode = property(node, 'Version');
      const variable = firstPolicyVariable(node);
      if (!versionNode) {
        context.report({
          at: propertyNode(node, 'Statement')?.children?.[0] ?? node,
          severity: variable ? 'error' : 'warning',
          message: variable
            ? `This policy has no \`Version\`, so IAM applies the 2008-10-17 rules and leaves \`${variable}\` as literal text. Add \`"Version": "${CURRENT}"\` at the top.`
            : `This policy has no \`Version\`; IAM then applies the outdated 2008-10-17 rules (no policy variables). Add \`"Version": "${CURRENT}"\` at the top.`,
          docsUrl: variable ? VARIABLES_URL : undefined,
          fixes: [
            {
              title: `Add "Version": "${CURRENT}"`,
              edits: [insertProperty(text, node, 'Version', JSON.stringify(CURRENT), 'first')],
              isPreferred: true,
            },
          ],
        });
        continue;
      }
      const value = stringValue(versionNode);
      if (value === CURRENT) continue;
      if (value === '2008-10-17') {
        if (variable) {
          context.report({
            at: versionNode,
            severity: 'error',
            message: `With Version 2008-10-17, IAM does not replace policy variables, so \`${variable}\` is compared as literal text. Use Version ${CURRENT}.`,
            docsUrl: VARIABLES_URL,
            fixes: [replaceFix(`Change to "${CURRENT}"`, versionNode, CURRENT)],
          });
        } else {
          context.report({
            at: versionNode,
            severity: 'info',
            phase: 'advice',
            message: `Version 2008-10-17 is the legacy policy language; ${CURRENT} is current and needed for policy variables.`,
            fixes: [replaceFix(`Change to "${CURRENT}"`, versionNode, CURRENT)],
          });
        }
        continue;
      }
      context.report({
        at: versionNode,
        severity: 'error',
        phase: 'register',
        message: `\`Version\` must be "${CURRENT}" (or the legacy "2008-10-17"); IAM rejects ${value === undefined ? 'a non-string value' : `"${value}"`}. It is the version of the policy language, not a date of your own.`,
        docsUrl: IAM_ELEMENTS_URL && elementUrl('version'),
        fixes: [replaceFix(`Change to "${CURRENT}"`, versionNode, CURRENT)],
      });
    }
  },
};
