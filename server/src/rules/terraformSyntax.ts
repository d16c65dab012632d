import type { Rule } from '../core/rule';
import { ALL_ANALYSED_KINDS } from '../core/types';

const HCL_SYNTAX_URL = 'https://developer.hashicorp.com/terraform/language/syntax/configuration';

/** Problems listed one by one; beyond this, one finding counts the rest. */
const MAX_SHOWN = 50;

export const terraformSyntax: Rule = {
  meta: {
    id: 'terraform/syntax',
    title: 'Invalid HCL in a Terraform file, or invalid JSON in a task definition or policy string',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: HCL_SYNTAX_URL,
    fixable: false,
    appliesTo: [...ALL_ANALYSED_KINDS, 'unrelated'],
    description: [
      "Terraform stops at an HCL syntax error. A task definition's `container_definitions` or a policy written as a",
      'JSON string or heredoc is only a string to Terraform: invalid JSON there passes `terraform plan` and fails',
      'at `terraform apply`, when the AWS API rejects it. Writing the value with `jsonencode(...)` avoids both.',
      '',
      'Only `.tf` and `.tf.json` files are checked (in a `.tf.json` file, the JSON strings of `container_definitions`',
      'and policies; its own JSON syntax is `json/syntax`); a string with `${...}` interpolations is an unknown value,',
      'never an error.',
    ].join('\n'),
  },
  check(context) {
    const { document } = context;
    if (document.format !== 'hcl' && !document.terraformJson) return;
    const problems = document.hclProblems ?? [];
    for (const problem of problems.slice(0, MAX_SHOWN)) {
      context.report({ at: { offset: problem.offset, length: problem.length }, message: problem.message });
    }
    if (problems.length > MAX_SHOWN) {
      const next = problems[MAX_SHOWN];
      context.report({
        at: { offset: next.offset, length: next.length },
        message: `${problems.length - MAX_SHOWN} more problems from here on are not listed: fix the first ones first.`,
      });
    }
  },
};
