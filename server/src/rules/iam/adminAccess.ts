// Broad grants worth a second look: administrator access, whole services on every resource,
// iam:PassRole on every role, and Allow combined with a Not* element.
import { propertyNode } from '../../core/json';
import type { Rule } from '../../core/rule';
import { allStatements, conditionEntries, elementUrl, sentenceLabel } from '../../iam/policyModel';
import { matchesWildcard } from '../../iam/wildcard';
import { POLICY_KINDS } from './shared';

const LEAST_PRIVILEGE_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege';

export const adminAccess: Rule = {
  meta: {
    id: 'iam/admin-access',
    title: 'Allow of every action on every resource (administrator access)',
    defaultSeverity: 'warning',
    docsUrl: LEAST_PRIVILEGE_URL,
    fixable: false,
    appliesTo: ['iam-identity-policy', 'iam-resource-policy', 'cloudformation-template'],
    description: '`"Action": "*"` with `"Resource": "*"` in an Allow statement grants full administrator access. A task or execution role should list the actions the application or agent actually calls.',
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (statement.effect !== 'Allow' || statement.actionKey !== 'Action' || statement.resourceKey !== 'Resource') continue;
      const star = statement.actions.find((item) => item.value === '*' || item.value === '*:*');
      if (!star || !statement.resources.some((item) => item.value === '*')) continue;
      context.report({
        at: star.node,
        message: `${sentenceLabel(statement)} allows every action on every resource: full administrator access. List only the actions this principal calls${statement.conditionNode ? '' : ', or at least add a condition'}.`,
      });
    }
  },
};

export const serviceWideAccess: Rule = {
  meta: {
    id: 'iam/service-wide-access',
    title: 'Allow of every action of a service on every resource (such as s3:* on *)',
    defaultSeverity: 'info',
    docsUrl: LEAST_PRIVILEGE_URL,
    fixable: false,
    appliesTo: ['iam-identity-policy', 'iam-resource-policy', 'cloudformation-template'],
    description: '`"Action": "s3:*"` on `"Resource": "*"` grants every action of the service, including deleting and changing permissions of every bucket in the account. Name the actions and resources the application uses.',
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (statement.effect !== 'Allow' || statement.actionKey !== 'Action' || statement.conditionNode) continue;
      if (!statement.resources.some((item) => item.value === '*')) continue;
      for (const item of statement.actions) {
        if (!/^[a-z0-9-]+:\*$/i.test(item.value)) continue;
        const service = item.value.slice(0, -2);
        context.report({
          at: item.node,
          message: `\`${item.value}\` on \`"*"\` allows every ${service} action, including destructive and permission-changing ones, on every ${service} resource in the account. List the actions and resources actually used.`,
        });
      }
    }
  },
};

export const passRoleAnyRole: Rule = {
  meta: {
    id: 'iam/pass-role-any-role',
    title: 'iam:PassRole on every role without an iam:PassedToService condition',
    defaultSeverity: 'warning',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    fixable: false,
    appliesTo: ['iam-identity-policy', 'cloudformation-template'],
    description: [
      '`iam:PassRole` lets a principal hand a role to a service (an ECS task definition\'s task and execution roles are',
      'passed this way). On `"*"` it can pass any role in the account, including administrator roles, which is a classic',
      'privilege-escalation path. Scope it to the role ARNs, and add `"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}`.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (statement.effect !== 'Allow' || statement.actionKey !== 'Action') continue;
      if (!statement.resources.some((item) => item.value === '*' || item.value === 'arn:aws:iam::*:role/*')) continue;
      const passRole = statement.actions.find((item) => item.value !== '*' && matchesWildcard(item.value, 'iam:PassRole'));
      if (!passRole) continue;
      if (conditionEntries(statement).some((entry) => entry.key.toLowerCase() === 'iam:passedtoservice')) continue;
      context.report({
        at: passRole.node,
        message: `\`${passRole.value}\` on every role lets this principal pass any role, including administrator roles, to any service. Scope \`Resource\` to the roles to pass and add a condition such as \`"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}\`.`,
      });
    }
  },
};

export const allowWithNot: Rule = {
  meta: {
    id: 'iam/allow-with-not',
    title: 'Allow combined with NotAction, NotResource or NotPrincipal',
    defaultSeverity: 'warning',
    docsUrl: elementUrl('notaction'),
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      '`NotAction`, `NotResource` and `NotPrincipal` match everything *except* what they list. With `"Effect": "Allow"` they',
      'grant far more than intended, including actions and resources that did not exist when the policy was written.',
      'They are meant for Deny statements; with Allow, list what is allowed instead.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (statement.effect !== 'Allow') continue;
      for (const element of ['NotAction', 'NotResource', 'NotPrincipal']) {
        const node = propertyNode(statement.node, element);
        if (!node) continue;
        const listed = element === 'NotAction' ? 'action' : element === 'NotResource' ? 'resource' : 'principal';
        context.report({
          at: node.children?.[0] ?? node,
          message: `\`"Effect": "Allow"\` with \`${element}\` allows every ${listed} except those listed, including new ones added later. Use \`${element.slice(3)}\` with the ${listed}s to allow, or make this a Deny statement.`,
          docsUrl: element === 'NotPrincipal' ? elementUrl('notprincipal') : element === 'NotResource' ? elementUrl('notresource') : undefined,
        });
      }
    }
  },
};
