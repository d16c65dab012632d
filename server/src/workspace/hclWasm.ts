// Loads the Terraform (HCL) parser's two WebAssembly files: web-tree-sitter's runtime and the tree-sitter HCL
// grammar. The build copies them next to the bundles (dist/); compiled tests (out/) read them from node_modules.
// The web worker (browserServer.ts) has no disk: it sets a reader that asks the client for them instead.
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { initHclParser } from '../core/hcl';

const RUNTIME = 'tree-sitter.wasm';
const GRAMMAR = 'tree-sitter-terraform.wasm';

function locate(name: string, packagePath: string): string {
  const candidates = [path.join(__dirname, name)];
  // Compiled (out/server/src/workspace) or run from the sources: the package in the nearest node_modules above.
  for (let dir = __dirname, up = 0; up < 6; up++, dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'node_modules', packagePath, name));
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`ecs-iam-tools: ${name} not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Reads one of the two files by name (`tree-sitter.wasm`, `tree-sitter-terraform.wasm`). */
export type HclWasmReader = (name: string) => Promise<Uint8Array>;

const PACKAGES: Record<string, string> = { [RUNTIME]: 'web-tree-sitter', [GRAMMAR]: '@tree-sitter-grammars/tree-sitter-hcl' };
let reader: HclWasmReader = async (name) => readFileSync(locate(name, PACKAGES[name]));

/** Where the files come from when there is no file system (the web worker: through the client). */
export function setHclWasmReader(read: HclWasmReader): void {
  reader = read;
}

/** Loads the HCL parser once; a failure is reported to the caller, and Terraform files are then skipped with a message. */
export function loadHclParser(): Promise<void> {
  return initHclParser(async () => {
    const [runtime, grammar] = await Promise.all([reader(RUNTIME), reader(GRAMMAR)]);
    return { runtime, grammar };
  });
}

let loading: Promise<void> | undefined;

/** The server's load: started once, a failure logged to stderr (Terraform files are then skipped with a message). */
export function hclParserLoaded(): Promise<void> {
  loading ??= loadHclParser().catch((error: unknown) => {
    console.error(`The Terraform parser could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  });
  return loading;
}
