// YAML templates and their JSON twins (the same template written in both formats, as AWS publishes many):
// both go through the analysis and their findings are compared by rule, resource and property path, so a
// difference points at the YAML parsing, not at the rules. Used by test/yaml/corpusTwins.test.ts and by
// scripts/compare-yaml-corpus.mjs (every pair of the shared corpus).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../server/src/analyzer';
import { templateResources } from '../../server/src/core/classify';
import { nodeAtOffset, type Node } from '../../server/src/core/json';
import type { JsonDocument } from '../../server/src/core/document';
import type { Finding } from '../../server/src/core/types';

/** One finding as format-independent facts: rule, resource, property path (and severity). */
export interface FindingFacts {
  rule: string;
  severity: string;
  resource: string;
  path: string;
}

export function yamlFilesBelow(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ya?ml|template)$/i.test(name)) files.push(full);
    }
  };
  walk(dir);
  return files;
}

/** The JSON twin of a YAML template in `jsonRoot` (same relative path, `.json` instead of `.yaml`/`.yml`), if any. */
export function jsonTwinOf(yamlFile: string, yamlRoot: string, jsonRoot: string): string | undefined {
  const relative = path.relative(yamlRoot, yamlFile).replace(/\.(ya?ml|template)$/i, '.json');
  const candidates = [relative, relative.replace(/[\\/]templates[\\/]/, path.sep)];
  return candidates.map((candidate) => path.join(jsonRoot, candidate)).find((candidate) => existsSync(candidate));
}

/** Where a finding is: the logical id of its resource and the key path below it (array items as `[]`). */
export function factsOf(document: JsonDocument, finding: Finding): FindingFacts {
  const node = nodeAtOffset(document.root, finding.span.offset + Math.min(finding.span.length, 1) - (finding.span.length > 0 ? 1 : 0));
  const keys: string[] = [];
  let resource = '';
  const resources = new Map(templateResources(document.root).map((entry) => [entry.node, entry.id]));
  for (let current: Node | undefined = node; current; current = current.parent) {
    const id = resources.get(current);
    if (id !== undefined) {
      resource = id;
      break;
    }
    const parent = current.parent;
    if (parent?.type === 'property' && parent.children?.[1] === current) keys.push(String(parent.children?.[0]?.value));
    else if (parent?.type === 'array') keys.push('[]');
  }
  return { rule: finding.ruleId, severity: finding.severity, resource, path: keys.reverse().join('.') };
}

export interface TwinComparison {
  yamlFile: string;
  jsonFile: string;
  yamlFindings: FindingFacts[];
  jsonFindings: FindingFacts[];
  /** In the YAML template's findings and not in the JSON twin's. */
  onlyYaml: FindingFacts[];
  onlyJson: FindingFacts[];
}

const key = (facts: FindingFacts) => `${facts.rule} ${facts.severity} ${facts.resource} ${facts.path}`;

/** The findings of the two files, as facts, and their difference as multisets. */
export async function compareTwins(yamlFile: string, jsonFile: string): Promise<TwinComparison> {
  const facts = async (file: string) => {
    const { document, findings } = await analyze(readFileSync(file, 'utf8'), { fileName: path.basename(file) });
    return findings.map((finding) => factsOf(document, finding));
  };
  const yamlFindings = await facts(yamlFile);
  const jsonFindings = await facts(jsonFile);
  const remaining = new Map<string, number>();
  for (const facts of jsonFindings) remaining.set(key(facts), (remaining.get(key(facts)) ?? 0) + 1);
  const onlyYaml: FindingFacts[] = [];
  for (const facts of yamlFindings) {
    const count = remaining.get(key(facts)) ?? 0;
    if (count > 0) remaining.set(key(facts), count - 1);
    else onlyYaml.push(facts);
  }
  const left = new Map(remaining);
  const onlyJson = jsonFindings.filter((facts) => {
    const count = left.get(key(facts)) ?? 0;
    if (count > 0) {
      left.set(key(facts), count - 1);
      return true;
    }
    return false;
  });
  return { yamlFile, jsonFile, yamlFindings, jsonFindings, onlyYaml, onlyJson };
}
