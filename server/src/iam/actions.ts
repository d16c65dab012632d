// What an `Action` string stands for, resolved against the loaded catalogue.
import { catalogIndex, loadedActionNames, loadedService, type IamAction } from './catalog';
import { splitAction, type StringItem } from './policyModel';
import { hasWildcard, wildcardRegExp } from './wildcard';

export type ResolvedAction =
  /** `*`: every action of every service. */
  | { kind: 'everything' }
  /** No `service:` prefix. */
  | { kind: 'malformed' }
  /** Unknown prefix (warning), or the catalogue is not loaded (say nothing). */
  | { kind: 'unknown-service'; service: string }
  | { kind: 'not-loaded' }
  /** A known service: the actions the text names (none for a typo or a wildcard that matches nothing). */
  | { kind: 'service'; service: string; name: string; wildcard: boolean; actions: IamAction[] }
  /** A wildcard in the service part (`*:Describe*`): matching names across services, if the name list is loaded. */
  | { kind: 'cross-service'; matches: string[] | undefined };

const resolutionCache = new Map<string, ResolvedAction>();

export function resolveAction(text: string): ResolvedAction {
  const cached = resolutionCache.get(text);
  if (cached) return cached;
  const result = computeResolution(text);
  // Only cache answers that cannot change when more data loads.
  if (
    result.kind === 'service' ||
    result.kind === 'everything' ||
    result.kind === 'malformed' ||
    result.kind === 'unknown-service' ||
    (result.kind === 'cross-service' && result.matches)
  ) {
    if (resolutionCache.size > 20000) resolutionCache.clear();
    resolutionCache.set(text, result);
  }
  return result;
}

const itemResolutions = new WeakMap<StringItem, ResolvedAction>();

/**
 * `resolveAction(item.value)`, remembered on the item: five rules resolve every action of a statement, and
 * the item (built once per document) answers the later ones without hashing its text again.
 */
export function resolveItem(item: StringItem): ResolvedAction {
  let resolved = itemResolutions.get(item);
  if (!resolved) {
    resolved = resolveAction(item.value);
    // The same answers resolveAction caches: the others may change when more data loads.
    if (resolutionCache.get(item.value) === resolved) itemResolutions.set(item, resolved);
  }
  return resolved;
}

function computeResolution(text: string): ResolvedAction {
  if (text === '*') return { kind: 'everything' };
  const parts = splitAction(text);
  if (!parts) return { kind: 'malformed' };
  const index = catalogIndex();
  if (!index) return { kind: 'not-loaded' };
  if (hasWildcard(parts.service)) {
    const names = loadedActionNames();
    if (!names) return { kind: 'cross-service', matches: undefined };
    const regex = wildcardRegExp(text);
    const matches: string[] = [];
    for (const [prefix, actions] of names) {
      for (const name of actions) if (regex.test(`${prefix}:${name}`)) matches.push(`${prefix}:${name}`);
    }
    return { kind: 'cross-service', matches };
  }
  const prefix = parts.service.toLowerCase();
  if (!index.serviceNames.has(prefix)) return { kind: 'unknown-service', service: parts.service };
  const service = loadedService(prefix);
  if (!service) return { kind: 'not-loaded' };
  const wildcard = hasWildcard(parts.name);
  if (!wildcard) {
    const action = service.action(parts.name);
    return { kind: 'service', service: prefix, name: parts.name, wildcard, actions: action ? [action] : [] };
  }
  const regex = wildcardRegExp(parts.name);
  return { kind: 'service', service: prefix, name: parts.name, wildcard, actions: service.actionsMatching(parts.name, regex) };
}

let byLowerName: Map<string, string[]> | undefined;

/** Services that have an action of this exact name (case-insensitive), as `prefix:Name`, from the all-names list. */
export function servicesWithAction(name: string): string[] {
  const names = loadedActionNames();
  if (!names) return [];
  if (!byLowerName) {
    byLowerName = new Map();
    for (const [prefix, actions] of names) {
      for (const action of actions) {
        const key = action.toLowerCase();
        const list = byLowerName.get(key);
        if (list) list.push(`${prefix}:${action}`);
        else byLowerName.set(key, [`${prefix}:${action}`]);
      }
    }
  }
  return [...(byLowerName.get(name.toLowerCase()) ?? [])];
}
