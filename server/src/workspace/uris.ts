// Document URIs as the server meets them: `file:` ones map to paths; others (untitled:, vscode-vfs:)
// have none, and the server then reads nothing from disk for them.
import { fileURLToPath } from 'node:url';

export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function uriBaseName(uri: string): string {
  const withoutQuery = uri.split(/[?#]/)[0];
  try {
    return decodeURIComponent(withoutQuery.slice(withoutQuery.lastIndexOf('/') + 1));
  } catch {
    return withoutQuery.slice(withoutQuery.lastIndexOf('/') + 1);
  }
}
