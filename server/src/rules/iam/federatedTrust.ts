// Role trust policies for federated principals (OIDC, SAML, GitHub Actions) and IAM Roles Anywhere: the action
// must match the kind of provider, and a web identity must be narrowed by its audience or subject.
import { stringValue, propertyNode, type Node } from '../../core/json';
import type { Rule, RuleContext } from '../../core/rule';
import { allStatements, conditionEntries, sentenceLabel, type StatementView } from '../../iam/policyModel';
import { matchesWildcard } from '../../iam/wildcard';
import { principalValues, replaceFix, statementAnchor } from './shared';

const OIDC_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html';
const SAML_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html';
const GITHUB_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub';
const ROLES_ANYWHERE_URL = 'https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html';
const GITHUB = 'token.actions.githubusercontent.com';

/** The web identity providers IAM knows without an OIDC provider ARN. */
const BUILT_IN_WEB_IDENTITY = ['cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com', 'accounts.google.com'];

type Provider = { kind: 'saml' | 'oidc'; host: string };

/** A `Federated` principal: a SAML provider ARN, an OIDC provider ARN (its host after `oidc-provider/`), or a built-in web identity provider. */
function providerOf(value: string): Provider | undefined {
  if (/^arn:aws[a-z-]*:iam::[^:]*:saml-provider\//.test(value)) return { kind: 'saml', host: value };
  const oidc = /^arn:aws[a-z-]*:iam::[^:]*:oidc-provider\/(.+)$/.exec(value);
  if (oidc) return { kind: 'oidc', host: oidc[1] };
  if (BUILT_IN_WEB_IDENTITY.includes(value)) return { kind: 'oidc', host: value };
  return undefined;
}

export const federatedTrust: Rule = {
  meta: {
    id: 'iam/federated-trust',
    title: 'A federated or Roles Anywhere trust policy uses the wrong action or trusts every identity of the provider',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: OIDC_URL,
    fixable: true,
    appliesTo: ['iam-trust-policy', 'cloudformation-template'],
    description: [
      'A SAML provider is assumed with `sts:AssumeRoleWithSAML` and an OIDC provider with `sts:AssumeRoleWithWebIdentity`;',
      'the other action can never be used by that principal (an error). A statement that trusts an OIDC provider',
      'should test its audience (`<provider>:aud`) or subject (`<provider>:sub`): without, every identity the provider',
      'issues tokens for may assume the role. For GitHub Actions (`token.actions.githubusercontent.com`) that is every',
      'workflow of every repository on GitHub, so `token.actions.githubusercontent.com:sub` is needed, naming the',
      'organization and repository without wildcards (`repo:my-org/my-repo:ref:refs/heads/main`). IAM Roles Anywhere',
      '(`rolesanywhere.amazonaws.com`) needs `sts:AssumeRole`, `sts:TagSession` and `sts:SetSourceIdentity`.',
      '`NotPrincipal` in a trust policy is reported too: IAM Access Analyzer flags it, and naming who may assume',
      'the role is always clearer.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (statement.policy.kind !== 'trust') continue;
      if (statement.principalKey === 'NotPrincipal' && statement.effect === 'Allow') {
        const node = propertyNode(statement.node, 'NotPrincipal');
        context.report({
          at: node?.children?.[0] ?? statementAnchor(statement),
          docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
          message: `${sentenceLabel(statement)} lets everyone except the listed principals assume this role. Name the principals that may assume it under \`Principal\` instead.`,
        });
      }
      if (statement.principalKey !== 'Principal' || statement.effect !== 'Allow') continue;
      for (const principal of principalValues(statement, 'Federated')) {
        const value = stringValue(principal);
        const provider = value ? providerOf(value) : undefined;
        if (provider) checkProvider(context, statement, principal, provider);
      }
      if (principalValues(statement, 'Service').some((node) => stringValue(node) === 'rolesanywhere.amazonaws.com')) {
        checkRolesAnywhere(context, statement);
      }
    }
  },
};

function checkProvider(context: RuleContext, statement: StatementView, principal: Node, provider: Provider): void {
  const wrong = provider.kind === 'saml' ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRoleWithSAML';
  const right = provider.kind === 'saml' ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity';
  const assumes = statement.actions.filter((item) => /^sts:AssumeRole/i.test(item.value));
  for (const item of assumes) {
    if (item.value.toLowerCase() !== wrong.toLowerCase()) continue;
    context.report({
      at: item.node,
      severity: 'error',
      phase: 'runtime',
      docsUrl: provider.kind === 'saml' ? SAML_URL : OIDC_URL,
      message: `\`${item.value}\` is never used by ${provider.kind === 'saml' ? 'a SAML' : 'an OIDC'} provider: its users call \`${right}\`, so this statement can never let them assume the role. Change the action to \`${right}\`.`,
      fixes: [replaceFix(`Change to "${right}"`, item.node, right)],
    });
  }
  if (
    provider.kind !== 'oidc' ||
    !statement.actions.some((item) => matchesWildcard(item.value.toLowerCase(), 'sts:assumerolewithwebidentity'))
  ) {
    return;
  }
  const host = provider.host.toLowerCase();
  const entries = conditionEntries(statement);
  const keysOf = (suffix: string) => entries.filter((entry) => entry.key.toLowerCase() === `${host}:${suffix}`);
  if (host === GITHUB) {
    const sub = keysOf('sub');
    if (sub.length === 0) {
      context.report({
        at: principal,
        docsUrl: GITHUB_URL,
        message: `${sentenceLabel(statement)} trusts GitHub Actions without a \`${GITHUB}:sub\` condition: any workflow in any GitHub repository can assume this role. Add \`"StringLike": { "${GITHUB}:sub": "repo:my-org/my-repo:*" }\` with your organization and repository.`,
      });
      return;
    }
    for (const entry of sub) {
      for (const item of entry.values) {
        const problem = githubSubjectProblem(item.value);
        if (!problem) continue;
        context.report({
          at: item.node,
          severity: problem.severity,
          docsUrl: GITHUB_URL,
          message: `\`${item.value}\` ${problem.message}`,
        });
      }
    }
    return;
  }
  if (keysOf('aud').length === 0 && keysOf('sub').length === 0 && keysOf('amr').length === 0) {
    context.report({
      at: principal,
      message: `${sentenceLabel(statement)} trusts \`${provider.host}\` without a condition on \`${provider.host}:aud\` or \`${provider.host}:sub\`: every identity the provider issues tokens for, for any application, can assume this role. Add \`"StringEquals": { "${provider.host}:aud": "<your client id>" }\` (and \`:sub\` for one identity).`,
    });
  }
}

/** What is wrong with a GitHub OIDC subject pattern: any repository of any or all organizations, or any branch. */
function githubSubjectProblem(value: string): { severity: 'warning' | 'hint'; message: string } | undefined {
  if (value === '*' || /^repo:\*/.test(value) || (!value.startsWith('repo:') && /[*?]/.test(value.split(':')[0]))) {
    return {
      severity: 'warning',
      message:
        'matches workflows of every GitHub organization: anyone on GitHub can assume this role. Name your organization and repository: `repo:my-org/my-repo:*`.',
    };
  }
  const repo = /^repo:([^/:]*)\/([^:]*)/.exec(value);
  if (repo && /[*?]/.test(repo[1])) {
    return {
      severity: 'warning',
      message:
        'has a wildcard in the organization: workflows of other GitHub organizations can assume this role. Write your organization name in full.',
    };
  }
  if (repo && /[*?]/.test(repo[2])) {
    return {
      severity: 'warning',
      message:
        'has a wildcard in the repository: every repository of the organization, including ones created later by anyone who can create repositories there, can assume this role. Name the repository.',
    };
  }
  if (repo && /:\*$/.test(value)) {
    return {
      severity: 'hint',
      message:
        'lets every branch, tag, pull request and environment of the repository assume this role. Narrow it to the ref or environment that deploys (`repo:my-org/my-repo:ref:refs/heads/main`, `repo:my-org/my-repo:environment:prod`).',
    };
  }
  return undefined;
}

function checkRolesAnywhere(context: RuleContext, statement: StatementView): void {
  const needed = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];
  const missing = needed.filter(
    (action) => !statement.actions.some((item) => matchesWildcard(item.value.toLowerCase(), action.toLowerCase())),
  );
  if (missing.length === 0 || statement.actionKey !== 'Action') return;
  context.report({
    at: statement.actionNode ?? statementAnchor(statement),
    phase: 'runtime',
    docsUrl: ROLES_ANYWHERE_URL,
    message: `IAM Roles Anywhere assumes a role with \`sts:AssumeRole\`, \`sts:TagSession\` and \`sts:SetSourceIdentity\` together; without ${missing.map((action) => `\`${action}\``).join(', ')} it cannot create sessions for this role. Add ${missing.length > 1 ? 'them' : 'it'}.`,
  });
}
