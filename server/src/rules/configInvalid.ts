import { parseConfig } from '../core/config';
import type { Rule } from '../core/rule';

export const configInvalid: Rule = {
  meta: {
    id: 'config/invalid',
    title: 'The `.ecs-iam.json` configuration file has a mistake',
    defaultSeverity: 'error',
    phase: 'advice',
    docsUrl: '',
    fixable: false,
    appliesTo: ['ecs-iam-config'],
    description: [
      '`.ecs-iam.json` sets rule severities (`rules`) and files to skip (`ignore`). A mistake in it is reported',
      'here and the affected setting keeps its default, so linting goes on.',
    ].join('\n'),
  },
  check(context) {
    for (const problem of parseConfig(context.document.text, context.ruleIds).problems) {
      context.report({ at: problem.span, message: problem.message });
    }
  },
};
