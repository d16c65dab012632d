// What cross-file rules may see of the workspace: parsed JSON documents by path and the role
// mappings of the `.ecs-iam.json` files. An interface, so the core stays free of I/O: the LSP
// server and the CLI each build a `WorkspaceIndex` (server/src/workspace/index.ts) that implements it.
import type { JsonDocument } from './document';
import type { RoleMapping } from './config';

export interface IndexedFile {
  /** Absolute path. */
  path: string;
  document: JsonDocument;
}

/** A role mapping with its file paths made absolute. */
export interface ResolvedRoleMapping extends RoleMapping {
  /** The `.ecs-iam.json` that declares it. */
  configFile: string;
}

/** What is at a path a `.ecs-iam.json` names, as the workspace sees it. */
export type ConfiguredFile =
  /** Indexed: a task definition, policy or template (`file.document.kind` says which). */
  | { status: 'indexed'; file: IndexedFile }
  /** Resolves outside the folder of the configuration (a symbolic link): refused and never read. */
  | { status: 'outside'; reason: string }
  | { status: 'missing' }
  /** It exists but is not indexed: not JSON of an analysed kind, skipped (size, encoding) or excluded. */
  | { status: 'not-analysed'; reason: string }
  /** Not known yet: the workspace is still being read. */
  | { status: 'pending' };

export interface WorkspaceView {
  /** Changes whenever any indexed file or configuration changes; caches key on it. */
  readonly generation: number;
  /** Every indexed document of an analysed kind (task definitions, policies, templates). */
  files(): Iterable<IndexedFile>;
  get(path: string): IndexedFile | undefined;
  /** Files whose base name (lower case) is `name`. */
  byBaseName(name: string): readonly IndexedFile[];
  /** Role mappings that apply to a file (from the nearest `.ecs-iam.json`), keyed by role name. */
  roleMappingsFor(path: string): Record<string, ResolvedRoleMapping>;
  /**
   * The file a `.ecs-iam.json` (`configFile`, absolute) names by `relativePath`. A path that resolves
   * outside the configuration's folder, through `..` or a symbolic link, is `outside` and never read.
   */
  configuredFile(configFile: string, relativePath: string): ConfiguredFile;
  /** A short, workspace-relative label for messages. */
  label(path: string): string;
}
