import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { classify, type Classification } from './classify';
import { LineIndex } from './lineIndex';
import { parseStrictJson } from './strictParse';
import type { DocumentKind, Severity } from './types';
import { parseYaml, type YamlProblem } from './yaml';
import { hclParserReady, isTerraformFileName, parseHcl, type HclProblem } from './hcl';
import { classifyContainerList, isTerraformTemplateName, parseTerraformTemplate } from './terraformTemplate';
import { convertTerraformJson, isTerraformJsonFileName } from './terraformJson';
import type { EmbeddedRegion } from './embedded';

/** Real task definitions and policies nest about ten levels deep; this is far beyond any of them. */
export const MAX_NESTING_DEPTH = 512;
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export interface ParseOptions {
  /** Used for name-based hints only (the config file); the kind comes from the content. */
  fileName?: string;
  /** Characters; larger documents are not parsed. */
  maxFileSize?: number;
  /** The syntax: from the editor's language id, else from the file name (`.yaml`, `.yml`; `.template` by its first character). */
  format?: DocumentFormat;
  /** The `policyTypes` value `.ecs-iam.json` gives this file (`scp`, `s3-bucket`, ...), matched by the caller. */
  policyType?: string;
}

export type DocumentFormat = 'json' | 'yaml' | 'hcl';

/** The file extensions the workspace index, file watching and the CLI's folder walk read (`.tf.json` is a `.json`, read as Terraform by its name). */
export const ANALYSED_EXTENSIONS = ['json', 'yaml', 'yml', 'template', 'tf', 'tftpl', 'tpl'] as const;

/** Whether a file name has one of ANALYSED_EXTENSIONS (of `.tpl` files, only `.json.tpl` Terraform templates). */
export function isAnalysedFileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.endsWith('.tpl')) return lower.endsWith('.json.tpl');
  return ANALYSED_EXTENSIONS.some((extension) => lower.endsWith(`.${extension}`));
}

/** The format an editor's language id implies (`yaml`, `json`, `jsonc`); other ids leave it to the file name. */
export function formatOfLanguage(languageId: string | undefined): DocumentFormat | undefined {
  if (languageId === 'yaml' || languageId === 'cloudformation') return 'yaml';
  if (languageId === 'json' || languageId === 'jsonc') return 'json';
  if (languageId === 'terraform' || languageId === 'hcl') return 'hcl';
  return undefined;
}

/** The syntax of a document: the one given, else YAML for `.yaml`/`.yml`, and for `.template` unless it starts with `{`. */
export function documentFormat(text: string, options: ParseOptions = {}): DocumentFormat {
  const name = options.fileName?.toLowerCase() ?? '';
  // A `.tf.json` file is JSON whatever language a Terraform extension gives it.
  if (options.format && !(options.format === 'hcl' && isTerraformJsonFileName(name))) return options.format;
  if (isTerraformJsonFileName(name)) return 'json';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  if (isTerraformFileName(name)) return 'hcl';
  if (name.endsWith('.template')) return /^\uFEFF?\s*[{[]/.test(text.slice(0, 4096)) ? 'json' : 'yaml';
  return 'json';
}

export interface SkipReason {
  reason: 'too-large' | 'too-deep' | 'binary' | 'encoding' | 'parser-unavailable';
  message: string;
  /** Overrides `file/skipped`'s default severity (an encoding problem is a warning: AWS tools cannot read the file either). */
  severity?: Severity;
}

/** A parsed JSON document: text, tree with exact offsets, syntax errors, and what kind of document it is. */
export interface JsonDocument extends Classification {
  text: string;
  lines: LineIndex;
  root: Node | undefined;
  /** Errors other than comments and trailing commas, which the syntax rule finds by scanning. */
  parseErrors: ParseError[];
  /** The text is strictly valid JSON: no syntax problem of any kind (no comment, trailing comma or error). */
  strictJson?: boolean;
  skipped?: SkipReason;
  /**
   * Set for YAML documents (the tree has the same shape as JSON's; fixes are written in YAML) and Terraform
   * files (`hcl`: the module as a CloudFormation-shaped tree over the HCL text, see core/hcl.ts).
   */
  format?: 'yaml' | 'hcl';
  /** HCL syntax errors and invalid JSON in Terraform strings (reported by terraform/syntax). */
  hclProblems?: HclProblem[];
  /**
   * A Terraform file in JSON syntax (`*.tf.json`, core/terraformJson.ts): the module as a CloudFormation-shaped tree
   * over the file's JSON nodes; fixes are JSON edits, kept only where they touch the file's own nodes.
   */
  terraformJson?: boolean;
  /** JSON documents written as strings that are not policies (a `.tf.json` file's `container_definitions`): fixes there are escaped. */
  embeddedRegions?: EmbeddedRegion[];
  /** YAML syntax errors, duplicate keys, aliases, extra documents, unknown tags (reported by yaml/syntax). */
  yamlProblems?: YamlProblem[];
}

export function parseDocument(rawText: string, options: ParseOptions = {}): JsonDocument {
  // A byte order mark is not JSON; editors usually strip it, files read from disk may keep it.
  // Replace it with a space so offsets stay those of the text we were given.
  const text = rawText.charCodeAt(0) === 0xfeff ? ' ' + rawText.slice(1) : rawText;
  const lines = new LineIndex(text);
  const empty = (kind: DocumentKind, skipped?: SkipReason): JsonDocument => ({
    text,
    lines,
    root: undefined,
    parseErrors: [],
    kind,
    skipped,
    taskDefinitions: [],
    policies: [],
    services: [],
  });

  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > maxFileSize) {
    return empty('unrelated', {
      reason: 'too-large',
      message: `This file is ${formatSize(text.length)}, above the ${formatSize(maxFileSize)} limit, so ECS & IAM Tools did not analyse it (setting ecsIam.maxFileSizeKB, CLI --max-file-size).`,
    });
  }
  const format = documentFormat(text, options);
  if (format === 'yaml') return parseYamlDocument(text, rawText, lines, options, empty);
  if (format === 'hcl' && !isTerraformJsonFileName(options.fileName)) return parseHclDocument(text, lines, empty);
  if (isTerraformTemplateName(options.fileName)) return parseTemplateDocument(text, lines, options, empty);
  if (isTerraformJsonFileName(options.fileName)) return parseTerraformJsonDocument(text, lines, empty);
  // Valid JSON (the usual case) takes the fast path: it holds no control characters and is no deeper
  // than the limit, so the checks below are only needed for the rest, which jsonc-parser parses tolerantly.
  const strictRoot = parseStrictJson(text, MAX_NESTING_DEPTH);
  if (strictRoot) {
    return {
      text,
      lines,
      root: strictRoot,
      parseErrors: [],
      strictJson: true,
      ...classify(strictRoot, options.fileName, options.policyType, { text, yaml: false }),
    };
  }
  const unreadable = binaryOrTooDeep(text, 'JSON');
  if (unreadable) return empty('unrelated', unreadable);

  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const classification = classify(root, options.fileName, options.policyType, { text, yaml: false });
  return { text, lines, root, parseErrors, ...classification };
}

/** Why a text is not analysed as `format`: binary, or nested beyond the limit (counted on the JSON text). */
function binaryOrTooDeep(text: string, format: string): SkipReason | undefined {
  if (looksBinary(text)) return binarySkip(format);
  const depth = maxNestingDepth(text);
  return depth > MAX_NESTING_DEPTH ? tooDeepSkip(String(depth)) : undefined;
}

function binarySkip(format: string): SkipReason {
  return {
    reason: 'binary',
    message: `This file contains binary data (NUL or other control bytes), so it is not ${format}; ECS & IAM Tools did not analyse it.`,
  };
}

/** `depth`: the depth counted, or "about N" where the parser stopped counting. */
function tooDeepSkip(depth: string): SkipReason {
  return {
    reason: 'too-deep',
    message: `This file nests ${depth} levels deep, beyond the ${MAX_NESTING_DEPTH} levels ECS & IAM Tools analyses; no task definition or policy is that deep.`,
  };
}

function parseYamlDocument(
  text: string,
  rawText: string,
  lines: LineIndex,
  options: ParseOptions,
  empty: (kind: DocumentKind, skipped?: SkipReason) => JsonDocument,
): JsonDocument {
  if (looksBinary(text)) return empty('unrelated', binarySkip('YAML'));
  // YAML allows a byte order mark at the start (a space there would shift the first line's indentation).
  const parsed = parseYaml(rawText, MAX_NESTING_DEPTH);
  if (parsed.tooDeep !== undefined) {
    return empty('unrelated', tooDeepSkip(`about ${parsed.tooDeep}`));
  }
  return {
    text,
    lines,
    root: parsed.root,
    parseErrors: [],
    format: 'yaml',
    yamlProblems: parsed.problems,
    ...classify(parsed.root, options.fileName, options.policyType, { text, yaml: true }),
  };
}

/** A Terraform `templatefile()` JSON template: `${...}` values are unknown (core/terraformTemplate.ts). */
function parseTemplateDocument(
  text: string,
  lines: LineIndex,
  options: ParseOptions,
  empty: (kind: DocumentKind, skipped?: SkipReason) => JsonDocument,
): JsonDocument {
  const unreadable = binaryOrTooDeep(text, 'a JSON template');
  if (unreadable) return empty('unrelated', unreadable);
  const { root, errors } = parseTerraformTemplate(text);
  const containers = classifyContainerList(root);
  if (containers) return { text, lines, parseErrors: errors, ...containers };
  const classification = classify(root, options.fileName);
  // Interpolated values are intrinsics: read as in a template, where an unknown value is never judged.
  const kind =
    classification.kind === 'unrelated' || classification.kind === 'ecs-iam-config' ? classification.kind : 'cloudformation-template';
  return { text, lines, root, parseErrors: errors, ...classification, kind };
}

function parseHclDocument(text: string, lines: LineIndex, empty: (kind: DocumentKind, skipped?: SkipReason) => JsonDocument): JsonDocument {
  if (looksBinary(text)) return empty('unrelated', binarySkip('Terraform'));
  const parsed = hclParserReady() ? parseHcl(text, MAX_NESTING_DEPTH) : undefined;
  if (!parsed) {
    return empty('unrelated', {
      reason: 'parser-unavailable',
      message: 'The Terraform (HCL) parser is not loaded, so ECS & IAM Tools did not analyse this file.',
    });
  }
  if (parsed.tooDeep !== undefined) {
    return empty('unrelated', tooDeepSkip(`about ${parsed.tooDeep}`));
  }
  return { text, lines, root: parsed.root, parseErrors: [], format: 'hcl', hclProblems: parsed.problems, ...terraformViews(parsed) };
}

/**
 * The views of a Terraform file's mapped tree (`.tf` or `.tf.json`), each named by its resource address. A
 * module is read as a template: the role linking, intrinsic values and template rules apply as they are.
 */
function terraformViews(parsed: {
  taskDefinitions: ReadonlyArray<{ address: string; node: Node }>;
  policies: ReadonlyArray<{ address: string; node: Node; kind: 'identity' | 'resource' | 'trust'; embedded?: EmbeddedRegion }>;
  services: ReadonlyArray<{ address: string; node: Node }>;
}): Pick<JsonDocument, 'kind' | 'taskDefinitions' | 'policies' | 'services'> {
  const related = parsed.taskDefinitions.length > 0 || parsed.policies.length > 0 || parsed.services.length > 0;
  return {
    kind: related ? 'cloudformation-template' : 'unrelated',
    taskDefinitions: parsed.taskDefinitions.map((task) => ({ node: task.node, format: 'register' as const, resource: task.address })),
    policies: parsed.policies.map((policy) => ({
      node: policy.node,
      kind: policy.kind,
      type: policy.kind,
      typeSource: 'content' as const,
      resource: policy.address,
      ...(policy.embedded ? { embedded: policy.embedded } : {}),
    })),
    services: parsed.services.map((service) => ({ node: service.node, format: 'cloudformation' as const, resource: service.address })),
  };
}

/** A Terraform file in JSON syntax: JSON parsed as any JSON file, then read as Terraform reads it (core/terraformJson.ts). */
function parseTerraformJsonDocument(
  text: string,
  lines: LineIndex,
  empty: (kind: DocumentKind, skipped?: SkipReason) => JsonDocument,
): JsonDocument {
  let root = parseStrictJson(text, MAX_NESTING_DEPTH);
  const strictJson = root !== undefined;
  const parseErrors: ParseError[] = [];
  if (!root) {
    const unreadable = binaryOrTooDeep(text, 'JSON');
    if (unreadable) return empty('unrelated', unreadable);
    root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  }
  const base = { text, lines, parseErrors, ...(strictJson ? { strictJson } : {}), terraformJson: true };
  if (root?.type !== 'object') return { ...base, root, kind: 'unrelated', taskDefinitions: [], policies: [], services: [] };
  const parsed = convertTerraformJson(text, root);
  return { ...base, root: parsed.root, hclProblems: parsed.problems, embeddedRegions: parsed.regions, ...terraformViews(parsed) };
}

/** A file whose bytes could not be decoded (core/encoding.ts): nothing to parse, one finding that says why. */
export function undecodableDocument(message: string): JsonDocument {
  return {
    text: '',
    lines: new LineIndex(''),
    root: undefined,
    parseErrors: [],
    kind: 'unrelated',
    taskDefinitions: [],
    policies: [],
    services: [],
    skipped: { reason: 'encoding', message, severity: 'warning' },
  };
}

function formatSize(characters: number): string {
  return characters >= 1024 * 1024 ? `${(characters / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(characters / 1024)} KB`;
}

/** NUL bytes, or many C0 control characters (other than tab/CR/LF) in the first 8 KB. */
function looksBinary(text: string): boolean {
  const sample = Math.min(text.length, 8192);
  let controls = 0;
  for (let i = 0; i < sample; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) controls++;
  }
  return controls > 8 && controls > sample / 100;
}

/**
 * Deepest bracket nesting, counted character by character the way jsonc-parser's scanner reads the text
 * (a string ends at its quote or at a line break; `//` and `/* *\/` comments are skipped), so the
 * recursive parser is never handed more depth than this reports. Stops counting early past the limit.
 */
function maxNestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34 /* " */) {
      for (i++; i < length; i++) {
        const inner = text.charCodeAt(i);
        if (inner === 92 /* \\ */) i++;
        else if (inner === 34 || inner === 10 || inner === 13) break;
      }
    } else if (code === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (code === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? length : end + 1;
    } else if (code === 123 /* { */ || code === 91 /* [ */) {
      if (++depth > max) max = depth;
    } else if ((code === 125 /* } */ || code === 93) /* ] */ && depth > 0) {
      depth--;
    }
  }
  return max;
}
