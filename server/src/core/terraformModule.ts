// A Terraform module is every `.tf` file of one folder: a task definition in `ecs.tf` names a role of
// `iam.tf`, whose policy is attached in `policies.tf`, and a service in `service.tf` runs the task
// definition. Each file is parsed on its own (its findings, its fixes), and the module is parsed once more
// as its files joined together, which Terraform reads the same way: there a reference to a resource of
// another file resolves. What the linking finds there (roles/terraformModule.ts, ecs/services.ts) is placed
// back in the files it came from, with `fileAt` and `sameNodeIn`.
import { parseDocument, type JsonDocument } from './document';
import type { WorkspaceView } from './workspace';
import type { Node } from './json';

export interface ModuleFile {
  path: string;
  document: JsonDocument;
  /** Where the file's text starts in the module's text. */
  start: number;
}

export interface TerraformModule {
  /** The module's files joined in one text and parsed. */
  document: JsonDocument;
  /** In path order; the analysed file with the document being analysed. */
  files: ModuleFile[];
  /** The analysed file. */
  own: ModuleFile;
}

const TERRAFORM_FILE = /\.tf$/i;

interface Joined {
  document: JsonDocument;
  files: ModuleFile[];
}

interface ModuleCache {
  generation: number;
  /** Folder -> the indexed Terraform files in it, in path order. */
  folders: Map<string, Array<{ path: string; document: JsonDocument }>>;
  /** Folder -> its files as indexed, joined: one parse for every file of the folder. */
  joined: Map<string, Joined | undefined>;
  /** Analysed file whose text is not the indexed one (not indexed yet, or newer) -> its own join, by its tree. */
  private: Map<string, { root: Node; joined: Joined | undefined }>;
}
const caches = new WeakMap<WorkspaceView, ModuleCache>();

function cacheOf(workspace: WorkspaceView): ModuleCache {
  let cache = caches.get(workspace);
  if (!cache || cache.generation !== workspace.generation) {
    const folders: ModuleCache['folders'] = new Map();
    for (const file of workspace.files()) {
      if (file.document.format !== 'hcl' || !file.document.root || !TERRAFORM_FILE.test(file.path)) continue;
      const folder = folderOf(file.path);
      const list = folders.get(folder) ?? [];
      list.push({ path: file.path, document: file.document });
      folders.set(folder, list);
    }
    for (const list of folders.values()) list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    cache = { generation: workspace.generation, folders, joined: new Map(), private: new Map() };
    caches.set(workspace, cache);
  }
  return cache;
}

function join(members: ReadonlyArray<{ path: string; document: JsonDocument }>): Joined | undefined {
  const files: ModuleFile[] = [];
  let text = '';
  for (const member of members) {
    files.push({ ...member, start: text.length });
    text += member.document.text + '\n';
  }
  const document = parseDocument(text, { format: 'hcl', fileName: 'module.tf', maxFileSize: text.length + 1 });
  return document.root ? { document, files } : undefined;
}

/**
 * The module a `.tf` file belongs to: the file as it is being analysed (`document`) and the other `.tf`
 * files of its folder in the workspace index. Undefined when the file is alone in its folder (the file is
 * then the whole module) or is not a Terraform file. The folder's files are joined and parsed once per
 * workspace generation, for all of them; a file whose text differs from the indexed one gets a join of its own.
 */
export function terraformModule(workspace: WorkspaceView, filePath: string, document: JsonDocument): TerraformModule | undefined {
  if (document.format !== 'hcl' || !document.root || !TERRAFORM_FILE.test(filePath)) return undefined;
  const cache = cacheOf(workspace);
  const folder = folderOf(filePath);
  const members = cache.folders.get(folder) ?? [];
  if (!members.some((member) => member.path !== filePath)) return undefined;
  let joined: Joined | undefined;
  if (members.some((member) => member.path === filePath && member.document.text === document.text)) {
    if (!cache.joined.has(folder)) cache.joined.set(folder, join(members));
    joined = cache.joined.get(folder);
  } else {
    // The rules on policies see copies of the document, one per policy, that share its tree: one join for all.
    const known = cache.private.get(filePath);
    if (known?.root === document.root) joined = known.joined;
    else {
      joined = join([{ path: filePath, document }, ...members.filter((member) => member.path !== filePath)]);
      cache.private.set(filePath, { root: document.root, joined });
    }
  }
  if (!joined) return undefined;
  const files = joined.files.map((file) => (file.path === filePath ? { ...file, document } : file));
  const own = files.find((file) => file.path === filePath);
  return own ? { document: joined.document, files, own } : undefined;
}

/** The node of the module's tree that a node of the analysed file's tree is, among `candidates` of the module. */
export function nodeInModule<T extends { node: Node }>(module: TerraformModule, node: Node, candidates: readonly T[]): T | undefined {
  const offset = node.offset + module.own.start;
  return candidates.find((candidate) => candidate.node.offset === offset && candidate.node.length === node.length);
}

/** The module file a node of the module's tree lies in. */
export function fileAt(module: TerraformModule, offset: number): ModuleFile {
  let found = module.files[0];
  for (const file of module.files) if (file.start <= offset) found = file;
  return found;
}

/** The folder of a path (`/` or `\\` separators, as the workspace index writes them). */
function folderOf(filePath: string): string {
  return filePath.slice(0, Math.max(0, filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')));
}

/** The node of `file`'s own tree that a node of the module's tree is (same place, same length), among `candidates`. */
export function sameNodeIn<T extends { node: Node }>(file: ModuleFile, node: Node, candidates: readonly T[]): T | undefined {
  const offset = node.offset - file.start;
  return candidates.find((candidate) => candidate.node.offset === offset && candidate.node.length === node.length);
}
