// What a condition key in a statement is: global, a key of a service (and whether the statement's
// actions support it), or unknown.
import { resolveItem } from './actions';
import {
  catalogIndex,
  conditionKeyTemplatePattern,
  isConditionKeyTemplate,
  loadedService,
  type ConditionKeyType,
  type IamConditionKey,
} from './catalog';
import { familiesFor, parseOperator } from './conditionOperators';
import { globalConditionKey } from './globalConditionKeys';
import { POLICY_VARIABLE, type StatementView } from './policyModel';

/**
 * Service keys AWS documents as usable with any action (they describe the calling EC2 instance or
 * Lambda function, or the service that received the request), so they are valid outside their service.
 */
const CROSS_SERVICE_KEYS = new Set(
  [
    'ec2:SourceInstanceARN',
    'ec2:SourceInstanceArn',
    'ec2:RoleDelivery',
    'lambda:SourceFunctionArn',
    'ssm:SourceInstanceARN',
    'glue:RoleAssumedBy',
    'glue:CredentialIssuingService',
    'kms:ViaService',
    'kms:CallerAccount',
    'ecs:ecs-task-arn',
  ].map((key) => key.toLowerCase()),
);

export type KeyLookup =
  | { kind: 'global'; entry: IamConditionKey }
  | {
      kind: 'service';
      entry: IamConditionKey;
      service: string;
      supportedBy: 'some-action' | 'no-action' | 'unknown';
      actionServices: string[];
    }
  | { kind: 'unknown-global' }
  | { kind: 'unknown-in-service'; service: string; candidates: string[] }
  /** A key of an identity provider (`token.actions.githubusercontent.com:sub`) or of a service not loaded. */
  | { kind: 'unchecked' };

export function lookupConditionKey(key: string, statement: StatementView | undefined): KeyLookup {
  const colon = key.indexOf(':');
  if (colon <= 0) return { kind: 'unchecked' };
  const prefix = key.slice(0, colon).toLowerCase();
  if (prefix === 'aws') {
    const entry = globalConditionKey(key);
    return entry ? { kind: 'global', entry } : { kind: 'unknown-global' };
  }
  if (!catalogIndex()?.serviceNames.has(prefix)) return { kind: 'unchecked' };
  const service = loadedService(prefix);
  if (!service) return { kind: 'unchecked' };
  const entry = service.conditionKey(key);
  if (!entry) return { kind: 'unknown-in-service', service: prefix, candidates: service.conditionKeys.map((k) => k.key) };
  return { kind: 'service', entry, service: prefix, ...support(key, prefix, statement) };
}

function support(
  key: string,
  prefix: string,
  statement: StatementView | undefined,
): { supportedBy: 'some-action' | 'no-action' | 'unknown'; actionServices: string[] } {
  const unknown = { supportedBy: 'unknown' as const, actionServices: [] };
  if (!statement || statement.actionKey !== 'Action' || CROSS_SERVICE_KEYS.has(key.toLowerCase())) return unknown;
  const actionServices = new Set<string>();
  for (const item of statement.actions) {
    const resolved = resolveItem(item);
    if (resolved.kind !== 'service') {
      if (resolved.kind === 'unknown-service' || resolved.kind === 'malformed') continue;
      return unknown; // `*`, cross-service wildcards, data not loaded
    }
    actionServices.add(resolved.service);
    if (resolved.service !== prefix) continue;
    const service = loadedService(prefix)!;
    for (const action of resolved.actions) {
      if (service.conditionKeysOf(action).some((supported) => sameKey(supported, key))) {
        return { supportedBy: 'some-action', actionServices: [...actionServices] };
      }
    }
  }
  if (actionServices.size === 0) return unknown;
  return { supportedBy: 'no-action', actionServices: [...actionServices] };
}

function sameKey(catalogKey: string, key: string): boolean {
  if (catalogKey.toLowerCase() === key.toLowerCase()) return true;
  return isConditionKeyTemplate(catalogKey) && conditionKeyTemplatePattern(catalogKey).test(key);
}

/**
 * Whether a key of this type fits an operator and the values written for it: the operator's family suits
 * the type (`StringEquals` does not suit `aws:SourceIp`) and the values look like the type's (`vpc-1a2b3c4d`
 * is no IP address). Used to choose between equally close did-you-mean candidates.
 */
export function keyTypeFits(type: string, operator: string, values: readonly string[]): boolean {
  const parsed = parseOperator(operator);
  if (parsed && parsed.family !== 'Null' && !familiesFor(type as ConditionKeyType).includes(parsed.family)) return false;
  const single = type.replace(/^ArrayOf/, '');
  const looksRight = VALUE_SHAPES[single];
  return !looksRight || parsed?.family === 'Null' || values.every((value) => POLICY_VARIABLE.test(value) || looksRight.test(value));
}

const VALUE_SHAPES: Record<string, RegExp> = {
  IPAddress: /^[0-9A-Fa-f.:]+(\/\d{1,3})?$/,
  Bool: /^(true|false)$/i,
  Numeric: /^-?\d+(\.\d+)?$/,
  Date: /^(\d{4}-\d{2}-\d{2}.*|\d+)$/,
  ARN: /^(arn:|\*)/,
};
