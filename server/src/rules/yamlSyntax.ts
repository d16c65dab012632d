import type { JsonDocument } from '../core/document';
import type { Rule } from '../core/rule';
import { ALL_ANALYSED_KINDS, type Severity } from '../core/types';
import type { YamlProblem } from '../core/yaml';

const CFN_YAML_URL = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html';
const CLI_YAML_URL = 'https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-skeleton.html';

/** Which kind of YAML problem a finding is; the server uses it not to repeat what a YAML extension reports. */
export type YamlSyntaxProblem = YamlProblem['kind'];

/** Problems listed one by one; beyond this, one finding counts the rest. */
const MAX_SHOWN = 100;

export const yamlSyntax: Rule = {
  meta: {
    id: 'yaml/syntax',
    title: 'Invalid YAML, duplicate keys, aliases, several documents or unknown tags in a YAML template, task definition or policy',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: CFN_YAML_URL,
    fixable: false,
    appliesTo: ALL_ANALYSED_KINDS,
    description: [
      'CloudFormation reads templates written in YAML 1.1 with its own short-form tags (`!Ref`, `!GetAtt`, `!Sub` ...),',
      'and the AWS CLI reads task definitions and policies with `--cli-input-yaml`. Both stop at a YAML syntax error.',
      'CloudFormation also rejects a key given twice in one mapping, aliases and anchors (`*name`, `&name`), tags',
      'other than its function tags, and a file with several documents; the AWS CLI reads one document.',
      '',
      'Only YAML files that are templates, task definitions or policies are checked: other YAML (workflows,',
      'Kubernetes manifests, Compose files) gets no finding. When the Red Hat YAML extension is installed it',
      'reports plain syntax errors itself, and this rule leaves those to it (see the README).',
    ].join('\n'),
  },
  check(context) {
    const { document } = context;
    const problems = document.yamlProblems ?? [];
    const shown = problems.slice(0, MAX_SHOWN);
    for (const problem of shown) {
      const severity = severityOf(document, problem);
      if (!severity) continue;
      context.report({
        at: { offset: problem.offset, length: problem.length },
        message: messageOf(document, problem),
        severity,
        docsUrl: document.kind === 'cloudformation-template' ? CFN_YAML_URL : CLI_YAML_URL,
        data: { syntaxProblem: problem.kind },
      });
    }
    const hidden = problems.length - shown.length;
    if (hidden > 0) {
      const next = problems[MAX_SHOWN];
      context.report({
        at: { offset: next.offset, length: next.length },
        message: `${hidden} more YAML problem${hidden === 1 ? '' : 's'} from here on are not listed. Problems after the first ones often follow from them: fix those first.`,
        data: { syntaxProblem: 'syntax' },
      });
    }
  },
};

function reader(document: JsonDocument): string {
  switch (document.kind) {
    case 'cloudformation-template':
      return 'CloudFormation';
    case 'ecs-task-definition':
    case 'ecs-service':
      return 'The AWS CLI (--cli-input-yaml)';
    default:
      return 'The AWS CLI';
  }
}

function severityOf(document: JsonDocument, problem: YamlProblem): Severity | undefined {
  const template = document.kind === 'cloudformation-template';
  switch (problem.kind) {
    case 'syntax':
    case 'duplicate-key':
    case 'multiple-documents':
      return 'error';
    case 'alias':
      // The AWS CLI's YAML reader accepts aliases; CloudFormation rejects them.
      return template ? 'error' : undefined;
    case 'unknown-tag':
      // CloudFormation rejects it, but a tool may expand it first: likely a mistake, not certainly one.
      return 'warning';
    case 'warning':
      return 'warning';
  }
}

function messageOf(document: JsonDocument, problem: YamlProblem): string {
  const who = reader(document);
  switch (problem.kind) {
    case 'syntax':
      return `YAML syntax error: ${sentence(problem.message)} ${who} cannot read the file.`;
    case 'duplicate-key': {
      const key = document.text.slice(problem.offset, problem.offset + Math.min(problem.length, 80));
      return `Duplicate key${key ? ` \`${key}\`` : ''}: a mapping may hold each key once. ${who === 'CloudFormation' ? 'CloudFormation rejects the template' : `${who} keeps only the last value`}; remove or rename one of them.`;
    }
    case 'warning':
      return `YAML: ${sentence(problem.message)}`;
    default:
      return problem.message;
  }
}

function sentence(message: string): string {
  const trimmed = message.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
