// Finds and reads `.ecs-iam.json` for a file: the nearest one in the file's folder or above.
// Shared by the LSP server and the CLI; the only file-system reads of configuration live here.
import { statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME } from '../core/classify';
import { emptyConfig, parseConfig, type ConfigProblem, type WorkspaceConfig } from '../core/config';
import { readDecodedSync } from './files';

export interface LoadedConfig {
  /** Absolute path of the config file, or undefined when none was found (defaults apply). */
  file?: string;
  config: WorkspaceConfig;
  problems: ConfigProblem[];
  isIgnored(filePath: string): boolean;
  /** The `policyTypes` value of the first glob matching the file (relative to the configuration's folder). */
  policyTypeOf(filePath: string): string | undefined;
}

const NO_CONFIG: LoadedConfig = { config: emptyConfig(), problems: [], isIgnored: () => false, policyTypeOf: () => undefined };

export class ConfigLoader {
  private readonly byDirectory = new Map<string, LoadedConfig>();

  /**
   * @param readText reads a config file; the server passes one that prefers the editor's unsaved text.
   * @param stopAt folders above which no config is looked for (workspace roots); none means the file system root.
   * @param ruleIds the rule catalogue's ids (the server and the CLI pass them in: this folder does not know the
   *   rules); a `rules` entry naming another id is a problem and ignored. Without them, every id is taken as known.
   */
  constructor(
    private readonly readText: (file: string) => string | undefined = readIfExists,
    private readonly stopAt: () => readonly string[] = () => [],
    private readonly ruleIds?: readonly string[],
  ) {}

  forFile(filePath: string): LoadedConfig {
    return this.forDirectory(path.dirname(path.resolve(filePath)));
  }

  /** Forget cached results (after a config file was created, changed or deleted). */
  clear(): void {
    this.byDirectory.clear();
  }

  private forDirectory(directory: string): LoadedConfig {
    const cached = this.byDirectory.get(directory);
    if (cached) return cached;
    let result: LoadedConfig;
    const candidate = path.join(directory, CONFIG_FILE_NAME);
    const text = this.readText(candidate);
    if (text !== undefined) {
      result = loadedFrom(candidate, text, this.ruleIds);
    } else {
      const parent = path.dirname(directory);
      const stop = parent === directory || this.stopAt().some((root) => path.resolve(root) === directory);
      result = stop ? NO_CONFIG : this.forDirectory(parent);
    }
    this.byDirectory.set(directory, result);
    return result;
  }
}

/** A loaded configuration from its file's text; `ruleIds` as for `ConfigLoader`. */
export function loadedFrom(file: string, text: string, ruleIds?: readonly string[]): LoadedConfig {
  const { config, problems } = parseConfig(text, ruleIds);
  const base = path.dirname(file);
  const matchers = config.ignore.map((pattern) => picomatch(pattern, { dot: true }));
  const typeMatchers = config.policyTypes.map(({ pattern, type }) => ({ matches: picomatch(pattern, { dot: true }), type }));
  const relativeTo = (filePath: string): string | undefined => {
    const relative = path.relative(base, path.resolve(filePath)).split(path.sep).join('/');
    return relative.startsWith('..') ? undefined : relative;
  };
  return {
    file,
    config,
    problems,
    isIgnored(filePath: string) {
      if (matchers.length === 0) return false;
      const relative = relativeTo(filePath);
      return relative !== undefined && matchers.some((matches) => matches(relative));
    },
    policyTypeOf(filePath: string) {
      if (typeMatchers.length === 0) return undefined;
      const relative = relativeTo(filePath);
      return relative === undefined ? undefined : typeMatchers.find(({ matches }) => matches(relative))?.type;
    },
  };
}

function readIfExists(file: string): string | undefined {
  try {
    if (!statSync(file).isFile()) return undefined;
    const decoded = readDecodedSync(file);
    // A configuration in an unreadable encoding is reported on the file itself when it is checked.
    return 'text' in decoded ? decoded.text : '';
  } catch {
    return undefined;
  }
}

/** A loader that answers with one configuration for every file (the CLI's --config). */
export class FixedConfigLoader extends ConfigLoader {
  constructor(private readonly fixed: LoadedConfig) {
    super();
  }

  override forFile(): LoadedConfig {
    return this.fixed;
  }
}
