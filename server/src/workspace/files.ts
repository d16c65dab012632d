// Reading files for the server and the CLI: bytes decoded by their byte order mark (core/encoding.ts),
// and the check that keeps every path `.ecs-iam.json` names inside the folder that holds it.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isAnalysedFileName } from '../core/document';
import { decodeFile, type DecodedFile } from '../core/encoding';
import type { LoadedConfig } from './configLoader';
import { fromDecoded, type CandidateFilter, type SourceRead, type WorkspaceFileSource } from './fileSource';

export function readDecodedSync(file: string): DecodedFile {
  return decodeFile(readFileSync(file));
}

export async function readDecoded(file: string): Promise<DecodedFile> {
  return decodeFile(await readFile(file));
}

/** The disk as the workspace index's source (the Node server and the CLI): a walk of the roots, files read by `fs`. */
export const diskFileSource: WorkspaceFileSource = {
  async list(roots: readonly string[], filter: CandidateFilter): Promise<string[]> {
    const files: string[] = [];
    for (const root of roots) await walk(root, root, filter, files);
    return files;
  },
  async read(file: string, maxBytes: number): Promise<SourceRead> {
    try {
      const info = await stat(file);
      if (!info.isFile()) return { problem: 'not-a-file' };
      if (info.size > maxBytes) return { problem: 'too-large' };
      return fromDecoded(await readDecoded(file));
    } catch (error) {
      // A file deleted between its event and this read is routine; any other read error is worth a line.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'missing' };
      return { problem: 'error', message: code ?? String(error) };
    }
  },
  exists: (file: string) => existsSync(file),
  readConfigurationText(file: string): string | undefined {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
};

async function walk(root: string, directory: string, filter: CandidateFilter, files: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (filter.skippedFolders.includes(entry.name)) continue;
      if (filter.excludedFolder(path.relative(root, full).split(path.sep).join('/'))) continue;
      await walk(root, full, filter, files);
    } else if (entry.isFile() && isAnalysedFileName(entry.name) && !filter.excludedFile(full)) {
      files.push(full);
    }
  }
}

/** `resolved`: the file with its links followed, written under `folder` as given (so it matches indexed paths). */
export type Containment = { inside: true; resolved: string } | { inside: false; reason: string };

/**
 * Whether `file` stays inside `folder` once symbolic links are followed. Only real paths are asked for
 * (`realpath(3)`, which reads the links but never opens their target), so a link that leads outside is found
 * without the outside file being opened. A path that does not exist is judged by its nearest existing folder
 * (a linked folder may lead outside).
 */
export function containment(folder: string, file: string): Containment {
  const lexical = path.relative(folder, file);
  if (lexical.startsWith('..') || path.isAbsolute(lexical)) {
    return { inside: false, reason: 'leads outside the folder that holds this `.ecs-iam.json`.' };
  }
  let realFolder: string;
  try {
    realFolder = realpathSync.native(folder);
  } catch {
    return { inside: true, resolved: file };
  }
  const isInside = (real: string) =>
    real === realFolder || real.startsWith(realFolder.endsWith(path.sep) ? realFolder : realFolder + path.sep);
  for (let candidate = file; ; candidate = path.dirname(candidate)) {
    let real: string | undefined;
    try {
      real = realpathSync.native(candidate);
    } catch {
      real = undefined;
    }
    if (real !== undefined) {
      if (!isInside(real)) {
        const what =
          candidate === file ? 'resolves' : `is in \`${path.relative(folder, candidate).split(path.sep).join('/')}\`, which resolves`;
        return {
          inside: false,
          reason: `${what} through a symbolic link to \`${real}\`, outside the folder that holds this \`.ecs-iam.json\`.`,
        };
      }
      return { inside: true, resolved: candidate === file ? path.join(folder, path.relative(realFolder, real)) : file };
    }
    if (candidate === folder || path.dirname(candidate) === candidate) return { inside: true, resolved: file };
  }
}

/**
 * The files a configuration's role mappings name (`policies`, `trustPolicy`) that resolve inside its folder,
 * as absolute paths with links followed: what the CLI reads for linking besides the files it was given.
 */
export function configuredFilesOf(loaded: LoadedConfig): string[] {
  if (!loaded.file) return [];
  const folder = path.dirname(loaded.file);
  const result = new Set<string>();
  for (const mapping of Object.values(loaded.config.roles)) {
    for (const relative of [...mapping.policies, ...(mapping.trustPolicy ? [mapping.trustPolicy] : [])]) {
      const inside = containment(folder, path.resolve(folder, relative));
      if (inside.inside) result.add(inside.resolved);
    }
  }
  return [...result];
}
