// Resource types and the ARNs written in policies: which resource types an ARN can name.
import { arnCanMatch, MAX_MATCHED_ARN_LENGTH, parseArn, policyArnMatcher, resourcePatternsOf, type ResourcePattern } from './arn';
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
  const matches = policyArnMatcher(arn);
  const result: IamResourceType[] = [];
  for (const prefix of prefixes) {
    const service = loadedService(prefix);
    if (!service) return undefined;
    for (const [resourceType, pattern] of typesWithArnService(service, parsed.service)) {
      if (matches(pattern)) result.push(resourceType);
    }
  }
  return result;
}

const typesByArnService = new WeakMap<IamService, Map<string, Array<[IamResourceType, ResourcePattern]>>>();

/** A service's resource types whose ARN pattern has this service field, with their patterns (computed once). */
function typesWithArnService(service: IamService, arnService: string): Array<[IamResourceType, ResourcePattern]> {
  let byArnService = typesByArnService.get(service);
  if (!byArnService) typesByArnService.set(service, (byArnService = new Map()));
  let list = byArnService.get(arnService);
  if (!list) {
    const patterns = servicePatterns(service);
    list = [...service.resourceTypes.values()]
      .filter((resourceType) => resourceType.arnPattern.split(':')[2] === arnService)
      .map((resourceType): [IamResourceType, ResourcePattern] => [resourceType, patterns.get(resourceType.name)!]);
    byArnService.set(arnService, list);
  }
  return list;
}

/** All resource types whose ARNs use this service field (loaded services only). */
export function resourceTypesOfArnService(arnService: string): IamResourceType[] {
  const prefixes = catalogIndex()?.arnServices.get(arnService.toLowerCase()) ?? [];
  return prefixes.flatMap((prefix) => [...(loadedService(prefix)?.resourceTypes.values() ?? [])].filter((type) => type.arnPattern.split(':')[2] === arnService));
}
