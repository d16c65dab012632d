// The workspace configuration file `.ecs-iam.json`, read by the server and the CLI alike.
// Parsing is pure: callers read the file and hand over its text.
import { parseTree, type ParseError } from 'jsonc-parser';
import { arrayItems, objectProperties, stringValue, type Node } from './json';
import { closestMatch } from './suggest';
import { POLICY_TYPE_SETTINGS } from './classify';
import type { SeveritySetting, TextSpan } from './types';

/** What is attached to one IAM role, as written in `.ecs-iam.json` (paths relative to that file). */
export interface RoleMapping {
  /** Permission policy files. */
  policies: string[];
  /** AWS managed policies by name or ARN (for example `AmazonECSTaskExecutionRolePolicy`). */
  managedPolicies: string[];
  /** The role's trust policy file. */
  trustPolicy?: string;
  /** Paths written for this role that point outside the folder of `.ecs-iam.json`: refused, never read. */
  refused?: string[];
}

/** Where a string of the configuration names a file, a managed policy or an ignore pattern. */
export interface ConfigEntry {
  kind: 'policies' | 'managedPolicies' | 'trustPolicy' | 'ignore' | 'policyTypes';
  /** The string as written. */
  value: string;
  /** The string node (with its quotes). */
  node: Node;
  /** The role the entry belongs to (all kinds but `ignore`). */
  role?: string;
}

export interface WorkspaceConfig {
  rules: Record<string, SeveritySetting>;
  ignore: string[];
  /** Role name -> what is attached to it. */
  roles: Record<string, RoleMapping>;
  /** Glob (relative to the file) -> policy type of the policy files it matches, in the order written (the first match wins). */
  policyTypes: Array<{ pattern: string; type: string }>;
}

export interface ConfigProblem {
  span: TextSpan;
  message: string;
}

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'error', 'warning', 'info', 'hint'];
const KNOWN_KEYS = ['$schema', 'rules', 'ignore', 'roles', 'policyTypes'];

export function emptyConfig(): WorkspaceConfig {
  return { rules: {}, ignore: [], roles: {}, policyTypes: [] };
}

/**
 * Reads `.ecs-iam.json`. Whatever is wrong is reported as a problem and left at its default, so a
 * broken file never stops linting. `knownRuleIds` (the catalogue's, passed in) judges the `rules` entries;
 * without it every id is taken as known.
 */
export function parseConfig(
  text: string,
  knownRuleIds?: readonly string[],
): { config: WorkspaceConfig; problems: ConfigProblem[]; entries: ConfigEntry[] } {
  const config = emptyConfig();
  const problems: ConfigProblem[] = [];
  /** The paths and names the configuration names that were accepted (the refused ones are problems). */
  const entries: ConfigEntry[] = [];
  const errors: ParseError[] = [];
  const root = parseTree(text.replace(/^\uFEFF/, ' '), errors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: true,
  });
  if (errors.length > 0) {
    problems.push({
      span: { offset: errors[0].offset, length: errors[0].length },
      message: 'This configuration file is not valid JSON; the default settings apply until it is fixed.',
    });
    return { config, problems, entries };
  }
  if (!root) return { config, problems, entries };
  if (root.type !== 'object') {
    problems.push({
      span: root,
      message: 'The configuration must be a JSON object such as `{ "rules": { "placeholder": "off" }, "ignore": ["build/**"] }`.',
    });
    return { config, problems, entries };
  }
  for (const { key, value, name } of objectProperties(root)) {
    if (!KNOWN_KEYS.includes(name)) {
      const suggestion = closestMatch(name, KNOWN_KEYS);
      problems.push({
        span: key,
        message: `Unknown setting \`${name}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Known settings: ${KNOWN_KEYS.slice(1).join(', ')}.`,
      });
      continue;
    }
    if (name === 'rules') {
      if (value?.type !== 'object') {
        problems.push({ span: value ?? key, message: '`rules` must be an object mapping rule ids to off, error, warning, info or hint.' });
        continue;
      }
      for (const rule of objectProperties(value)) {
        const severity = stringValue(rule.value);
        if (knownRuleIds && !knownRuleIds.includes(rule.name)) {
          const suggestion = closestMatch(rule.name, knownRuleIds);
          problems.push({
            span: rule.key,
            message: `Unknown rule \`${rule.name}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
          });
        } else if (!severity || !SEVERITY_SETTINGS.includes(severity as SeveritySetting)) {
          problems.push({
            span: rule.value ?? rule.key,
            message: `The severity of \`${rule.name}\` must be one of ${SEVERITY_SETTINGS.join(', ')}.`,
          });
        } else {
          config.rules[rule.name] = severity as SeveritySetting;
        }
      }
    } else if (name === 'roles') {
      parseRoles(value, key, config, problems, entries);
    } else if (name === 'policyTypes') {
      parsePolicyTypes(value, key, config, problems, entries);
    } else if (name === 'ignore') {
      if (value?.type !== 'array') {
        problems.push({
          span: value ?? key,
          message: '`ignore` must be an array of glob patterns, relative to this file, such as `["build/**", "**/*.generated.json"]`.',
        });
        continue;
      }
      for (const item of arrayItems(value)) {
        const pattern = stringValue(item);
        const outside = pattern === undefined ? undefined : outsideReason(pattern);
        if (pattern === undefined || pattern.trim() === '') {
          problems.push({ span: item, message: 'Each `ignore` entry must be a non-empty glob pattern string.' });
        } else if (outside) {
          problems.push({
            span: contentsOf(item),
            message: `\`${pattern}\` ${outside} \`ignore\` patterns match paths relative to the folder that holds this file and only inside it, so this one could never match; it is left out.`,
          });
        } else {
          config.ignore.push(pattern);
          entries.push({ kind: 'ignore', value: pattern, node: item });
        }
      }
    }
  }
  return { config, problems, entries };
}

/** `policyTypes`: glob -> policy type; unknown types and globs that lead outside are problems and left out. */
function parsePolicyTypes(
  value: Node | undefined,
  key: Node,
  config: WorkspaceConfig,
  problems: ConfigProblem[],
  entries: ConfigEntry[],
): void {
  if (value?.type !== 'object') {
    problems.push({
      span: value ?? key,
      message:
        '`policyTypes` must map glob patterns of policy files to their type, for example `{ "scp/**": "scp", "buckets/*.json": "s3-bucket" }`.',
    });
    return;
  }
  for (const entry of objectProperties(value)) {
    const type = stringValue(entry.value);
    const outside = outsideReason(entry.name);
    if (entry.name.trim() === '') {
      problems.push({ span: entry.key, message: 'Each `policyTypes` key must be a non-empty glob pattern.' });
    } else if (outside) {
      problems.push({
        span: contentsOf(entry.key),
        message: `\`${entry.name}\` ${outside} \`policyTypes\` patterns match paths relative to the folder that holds this file and only inside it, so this one could never match; it is left out.`,
      });
    } else if (type === undefined || !POLICY_TYPE_SETTINGS.includes(type)) {
      const suggestion = type === undefined ? undefined : closestMatch(type, POLICY_TYPE_SETTINGS);
      problems.push({
        span: entry.value ?? entry.key,
        message: `${type === undefined ? 'The type' : `\`${type}\``} is not a policy type.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Known types: ${POLICY_TYPE_SETTINGS.join(', ')}.`,
      });
    } else {
      config.policyTypes.push({ pattern: entry.name, type });
      entries.push({ kind: 'policyTypes', value: entry.name, node: entry.key });
    }
  }
}

const ROLE_KEYS = ['policies', 'managedPolicies', 'trustPolicy'];

function parseRoles(value: Node | undefined, key: Node, config: WorkspaceConfig, problems: ConfigProblem[], entries: ConfigEntry[]): void {
  if (value?.type !== 'object') {
    problems.push({
      span: value ?? key,
      message: '`roles` must map role names to `{ "policies": [...], "managedPolicies": [...], "trustPolicy": "..." }`.',
    });
    return;
  }
  for (const role of objectProperties(value)) {
    if (role.value?.type !== 'object') {
      problems.push({
        span: role.value ?? role.key,
        message: `Role \`${role.name}\` must be an object with \`policies\`, \`managedPolicies\` and/or \`trustPolicy\`.`,
      });
      continue;
    }
    const mapping: RoleMapping = { policies: [], managedPolicies: [] };
    for (const entry of objectProperties(role.value)) {
      if (!ROLE_KEYS.includes(entry.name)) {
        const suggestion = closestMatch(entry.name, ROLE_KEYS);
        problems.push({
          span: entry.key,
          message: `Unknown role setting \`${entry.name}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Known: ${ROLE_KEYS.join(', ')}.`,
        });
      } else if (entry.name === 'trustPolicy') {
        const file = stringValue(entry.value);
        if (!file) {
          problems.push({
            span: entry.value ?? entry.key,
            message: '`trustPolicy` must be a file path relative to this configuration file.',
          });
        } else if (refuse(file, entry.value!, mapping, problems)) continue;
        else {
          mapping.trustPolicy = file;
          entries.push({ kind: 'trustPolicy', value: file, node: entry.value!, role: role.name });
        }
      } else {
        const list = entry.value?.type === 'string' ? [entry.value] : arrayItems(entry.value);
        if (entry.value?.type !== 'array' && entry.value?.type !== 'string') {
          problems.push({
            span: entry.value ?? entry.key,
            message: `\`${entry.name}\` must be a list of ${entry.name === 'policies' ? 'file paths' : 'managed policy names or ARNs'}.`,
          });
          continue;
        }
        for (const item of list) {
          const text = stringValue(item);
          if (!text) problems.push({ span: item, message: `Each entry of \`${entry.name}\` must be a non-empty string.` });
          else if (entry.name === 'policies' && refuse(text, item, mapping, problems)) continue;
          else {
            (entry.name === 'policies' ? mapping.policies : mapping.managedPolicies).push(text);
            entries.push({ kind: entry.name as 'policies' | 'managedPolicies', value: text, node: item, role: role.name });
          }
        }
      }
    }
    config.roles[role.name] = mapping;
  }
}

/** Records a mapped path that points outside the configuration's folder as a problem; true when refused. */
function refuse(file: string, node: Node, mapping: RoleMapping, problems: ConfigProblem[]): boolean {
  const outside = outsideReason(file);
  if (!outside) return false;
  (mapping.refused ??= []).push(file);
  problems.push({ span: contentsOf(node), message: `\`${file}\` ${outside} ${OUTSIDE_CONSEQUENCE}` });
  return true;
}

/** A string node's text without its quotes: where a finding about the path itself belongs. */
function contentsOf(node: Node): TextSpan {
  return node.type === 'string' && node.length >= 2
    ? { offset: node.offset + 1, length: node.length - 2 }
    : { offset: node.offset, length: node.length };
}

/** What the linter does with a configured path that leads outside (shared with the workspace's symbolic-link check). */
export const OUTSIDE_CONSEQUENCE =
  'Configured paths are relative to the folder that holds this `.ecs-iam.json` and must stay inside it, so this file was not read and counts for nothing. Copy the policy into this folder and name it by its relative path.';

/**
 * Why a path written in the configuration leads outside its folder, judged on the text alone: absolute
 * (`/etc/hostname`, `C:\x`, `\\server\share`) or climbing above it with `..` (either slash counts: the
 * same file must mean the same thing on Windows). Symbolic links are the workspace's to check.
 */
export function outsideReason(file: string): string | undefined {
  if (/^[/\\]/.test(file) || /^[A-Za-z]:/.test(file)) return 'is an absolute path.';
  let depth = 0;
  for (const segment of file.split(/[/\\]+/)) {
    if (segment === '..') depth--;
    else if (segment !== '.' && segment !== '') depth++;
    if (depth < 0) return 'leads outside the folder that holds this `.ecs-iam.json` (through `..`).';
  }
  return undefined;
}
