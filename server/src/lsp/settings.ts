// Settings under `ecsIam.*` (VS Code) or `initializationOptions.settings` (other editors), and the options our client sends.
import { DEFAULT_MAX_FILE_SIZE } from '../core/document';
import type { SeveritySetting } from '../core/types';

export interface ServerSettings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  maxFileSizeKB: number;
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, rules: {}, maxFileSizeKB: DEFAULT_MAX_FILE_SIZE / 1024 };

/** Initialization options our VS Code client sends; other editors send none. */
export interface InitializationOptions {
  /** VS Code's built-in JSON support already reports syntax errors: do not report them twice. */
  builtinJsonDiagnostics?: boolean;
  /** The editor has a YAML extension that reports YAML syntax errors (Red Hat's): yaml/syntax leaves those to it. */
  yamlExtensionDiagnostics?: boolean;
  /** The client has the `ecsIam.openGeneratedPolicy` command, which opens generated policies as untitled documents. */
  opensGeneratedPolicies?: boolean;
  /** The client shows `ecsIam/status` notifications (indexing, ready with the IAM data date) in its status bar. */
  statusNotifications?: boolean;
  settings?: Partial<ServerSettings>;
}

/** Settings from the editor over `base` (the defaults, or for later changes the initializationOptions settings). */
export function mergeSettings(value: Partial<ServerSettings> | undefined, base: ServerSettings = DEFAULT_SETTINGS): ServerSettings {
  return {
    enable: typeof value?.enable === 'boolean' ? value.enable : base.enable,
    rules: value?.rules && typeof value.rules === 'object' ? value.rules : base.rules,
    maxFileSizeKB: typeof value?.maxFileSizeKB === 'number' && value.maxFileSizeKB > 0 ? value.maxFileSizeKB : base.maxFileSizeKB,
  };
}

/** The byte limit the settings give. */
export function maxFileSizeOf(settings: ServerSettings): number {
  return Math.max(1, settings.maxFileSizeKB) * 1024;
}
