// Document URIs as the server meets them, and the paths the workspace index and the rules know them by.
// In Node only `file:` URIs have paths (others, untitled: or vscode-vfs:, have none, and nothing is read for
// them). A web worker has no disk: there every hierarchical URI (vscode.dev's and github.dev's `vscode-vfs:`,
// `file:` of a local folder opened in the browser) gets a POSIX path of its own, `/<scheme>:<authority>/<path>`,
// so `.ecs-iam.json` paths, file-name conventions and labels work on it as on disk. The entry chooses
// (`useVirtualPaths`, browserServer.ts); the mapping goes both ways, so fixes to other files get their URI back.
import { fileURLToPath, pathToFileURL } from 'node:url';

let virtualPaths = false;

/** The web worker's mapping: every hierarchical URI has a path. Called once, by the browser entry. */
export function useVirtualPaths(): void {
  virtualPaths = true;
}

/** The path of a document's URI, or undefined when it has none. */
export function filePathOf(uri: string): string | undefined {
  if (virtualPaths) return virtualPathOf(uri);
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The URI of a path `filePathOf` gave (a fix's other file, a configuration to create). */
export function uriOfPath(file: string): string {
  return virtualPaths ? virtualUriOf(file) : pathToFileURL(file).toString();
}

const HIERARCHICAL = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/;

/** `vscode-vfs://github/owner/repo/a%20b.json` → `/vscode-vfs:github/owner/repo/a b.json`. Exported for tests. */
export function virtualPathOf(uri: string): string | undefined {
  const match = HIERARCHICAL.exec(uri);
  if (!match) return undefined;
  const [, scheme, authority, encodedPath] = match;
  try {
    const segments = encodedPath.split('/').map((segment) => decodeURIComponent(segment));
    if (segments.some((segment) => segment === '.' || segment === '..')) return undefined;
    const rest = segments.join('/').replace(/\/+$/, '');
    return `/${scheme.toLowerCase()}:${decodeURIComponent(authority)}${rest.startsWith('/') || rest === '' ? rest : `/${rest}`}`;
  } catch {
    return undefined;
  }
}

/** The reverse of `virtualPathOf`: path segments percent-encoded as VS Code's `Uri.toString()` writes them. */
export function virtualUriOf(file: string): string {
  const [, root = '', ...segments] = file.split('/');
  const colon = root.indexOf(':');
  const scheme = colon > 0 ? root.slice(0, colon) : 'file';
  const authority = colon > 0 ? root.slice(colon + 1) : '';
  const encoded = (colon > 0 ? segments : [root, ...segments]).map((segment) => encodeURIComponent(segment)).join('/');
  return `${scheme}://${encodeURIComponent(authority)}/${encoded}`;
}

export function uriBaseName(uri: string): string {
  const withoutQuery = uri.split(/[?#]/)[0];
  try {
    return decodeURIComponent(withoutQuery.slice(withoutQuery.lastIndexOf('/') + 1));
  } catch {
    return withoutQuery.slice(withoutQuery.lastIndexOf('/') + 1);
  }
}
