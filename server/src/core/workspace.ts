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
  /** A short, workspace-relative label for messages. */
  label(path: string): string;
}
