// Resource types and the ARNs written in policies: which resource types an ARN can name.
import {
  arnCanMatch,
  MAX_MATCHED_ARN_LENGTH,
  parseArn,
  policyArnMatcher,
  resourcePatternsOf,
  type ParsedArn,
  type ResourcePattern,
} from './arn';
import { catalogIndex, loadedService, type IamAction, type IamResourceType, type IamService } from './catalog';

const patternsByService = new WeakMap<IamService, Map<string, ResourcePattern>>();

/** The matchable pattern of every resource type of a service. */
export function servicePatterns(service: IamService): Map<string, ResourcePattern> {
  let patterns = patternsByService.get(service);
  if (!patterns) {
    const types = [...service.resourceTypes.values()];
    const computed = resourcePatternsOf(types.map((type) => type.arnPattern));
    patterns = new Map(types.map((type, index) => [type.name, computed[index]]));
    patternsByService.set(service, patterns);
  }
  return patterns;
}

export interface ActionResource {
  resourceType: IamResourceType;
  pattern: ResourcePattern;
}

/** The resource types an action can be scoped to, with their patterns. Empty for wildcard-only actions. */
export function actionResources(action: IamAction): ActionResource[] {
  const service = loadedService(action.service);
  if (!service) return [];
  const patterns = servicePatterns(service);
  const result: ActionResource[] = [];
  for (const { name } of action.resourceTypes) {
    const resourceType = service.resourceTypes.get(name);
    const pattern = patterns.get(name);
    if (resourceType && pattern) result.push({ resourceType, pattern });
  }
  return result;
}

/** Can a policy resource (ARN with wildcards, or `*`) name a resource this action acts on? */
export function actionAcceptsResource(action: IamAction, resource: string): boolean {
  if (resource === '*') return true;
  return actionResources(action).some(({ pattern }) => arnCanMatch(resource, pattern));
}

const matchingCache = new Map<string, IamResourceType[]>();

/** Every loaded resource type, of every service using the ARN's service field, that the ARN can name. */
export function resourceTypesMatching(arn: string): IamResourceType[] | undefined {
  const cached = matchingCache.get(arn);
  if (cached) return cached;
  const result = computeResourceTypesMatching(arn);
  if (result) {
    if (matchingCache.size > 20000) matchingCache.clear();
    matchingCache.set(arn, result);
  }
  return result;
}

function computeResourceTypesMatching(arn: string): IamResourceType[] | undefined {
  if (arn.length > MAX_MATCHED_ARN_LENGTH) return undefined; // not judged (see arn.ts)
  const parsed = parseArn(arn);
  const index = catalogIndex();
  if (!parsed || !index || /[*?$]/.test(parsed.service)) return undefined;
  const prefixes = index.arnServices.get(parsed.service.toLowerCase());
  if (!prefixes) return undefined;
  const services: IamService[] = [];
  for (const prefix of prefixes) {
    const service = loadedService(prefix);
    if (!service) return undefined;
    services.push(service);
  }
  const matches = policyArnMatcher(arn);
  return typesWithArnService(parsed.service, services)
    .filter(([, pattern]) => matches(pattern))
    .map(([resourceType]) => resourceType);
}

const typesByArnService = new Map<string, { services: IamService[]; list: Array<[IamResourceType, ResourcePattern]> }>();

/**
 * The resource types, of every service that uses this ARN service field, with their patterns (computed
 * once). Whether a pattern's last variable may hold `/` is decided over all of them: SSM's
 * `arn:${Partition}:s3:::${BucketName}` names a bucket, not the objects S3's `${BucketName}/${ObjectName}`
 * names, though SSM itself has no object type.
 */
function typesWithArnService(arnService: string, services: IamService[]): Array<[IamResourceType, ResourcePattern]> {
  const cached = typesByArnService.get(arnService);
  if (cached && cached.services.length === services.length && cached.services.every((service, i) => service === services[i])) {
    return cached.list;
  }
  const types = services.flatMap((service) =>
    [...service.resourceTypes.values()].filter((resourceType) => resourceType.arnPattern.split(':')[2] === arnService),
  );
  // Variables are named differently by different services (`${BucketName}`, `${Bucket}`): compare without names.
  const shapes = types.map((resourceType) => resourceType.arnPattern.replace(/\$\{[^}]*\}/g, '${}'));
  const list = types.map((resourceType, i): [IamResourceType, ResourcePattern] => {
    const own = servicePatterns(loadedService(resourceType.service)!).get(resourceType.name)!;
    const extended = !own.slashFreeTail && shapes[i].endsWith('${}') && shapes.some((other) => other.startsWith(`${shapes[i]}/`));
    return [resourceType, extended ? { ...own, slashFreeTail: true } : own];
  });
  if (typesByArnService.size > 500) typesByArnService.clear();
  typesByArnService.set(arnService, { services, list });
  return list;
}

/** All resource types whose ARNs use this service field (loaded services only). */
export function resourceTypesOfArnService(arnService: string): IamResourceType[] {
  const prefixes = catalogIndex()?.arnServices.get(arnService.toLowerCase()) ?? [];
  return prefixes.flatMap((prefix) =>
    [...(loadedService(prefix)?.resourceTypes.values() ?? [])].filter((type) => type.arnPattern.split(':')[2] === arnService),
  );
}

/**
 * A catalogue ARN pattern written for people: the partition, region and account of `arn` where it has
 * them, other variables as `<Name>`. `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}`
 * -> `arn:aws:dynamodb:us-east-1:210987654321:table/<TableName>`.
 */
export function readableArnPattern(pattern: string, arn?: ParsedArn): string {
  // Another service's ARN says nothing of this one's region or account.
  if (arn && pattern.split(':')[2] !== arn.service) arn = { ...arn, region: '', account: '' };
  const known: Record<string, string | undefined> = {
    Partition: arn?.partition && !/[*?$]/.test(arn.partition) ? arn.partition : 'aws',
    Region: arn?.region && !/[*?$]/.test(arn.region) ? arn.region : undefined,
    Account: arn?.account && !/[*?$]/.test(arn.account) ? arn.account : undefined,
  };
  return pattern.replace(/\$\{([^}]*)\}/g, (_match, name: string) => known[name] ?? `<${name}>`);
}

/** How the resource types of an ARN's service write their ARNs, readably, at most `limit` of them. */
export function expectedArnShapes(arn: ParsedArn, limit = 3): { shapes: string[]; more: boolean } {
  // The simplest first: `table/${TableName}` before `table/${TableName}/backup/${BackupName}`.
  const variables = (pattern: string) => pattern.split('${').length;
  const patterns = [...new Set(resourceTypesOfArnService(arn.service).map((type) => type.arnPattern))].sort(
    (a, b) => variables(a) - variables(b) || a.length - b.length,
  );
  return { shapes: patterns.slice(0, limit).map((pattern) => readableArnPattern(pattern, arn)), more: patterns.length > limit };
}

/**
 * ARNs that name a resource where `arn` names none because its resource part lacks the resource type:
 * `arn:aws:dynamodb:us-east-1:210987654321:Orders` -> `…:table/Orders` (a table) or `…:global-table/Orders`.
 * Only resource types written `type/${Name}` are tried, so the resource part stays the name it was.
 */
export function resourceTypePrefixRepairs(text: string): Array<{ arn: string; resourceType: IamResourceType }> {
  const arn = parseArn(text);
  if (!arn || !arn.resource || /[/:]/.test(arn.resource)) return [];
  const result: Array<{ arn: string; resourceType: IamResourceType }> = [];
  const seen = new Set<string>();
  for (const resourceType of resourceTypesOfArnService(arn.service)) {
    const resourcePart = resourceType.arnPattern.split(':').slice(5).join(':');
    const prefix = /^([A-Za-z][\w-]*)\/\$\{[^}]+\}$/.exec(resourcePart)?.[1];
    if (!prefix || seen.has(prefix)) continue;
    seen.add(prefix);
    const candidate = `${text.slice(0, arn.fieldOffsets[4])}${prefix}/${arn.resource}`;
    if (resourceTypesMatching(candidate)?.includes(resourceType)) result.push({ arn: candidate, resourceType });
  }
  return result;
}
