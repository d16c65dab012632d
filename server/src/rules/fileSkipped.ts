import type { Rule } from '../core/rule';

export const fileSkipped: Rule = {
  meta: {
    id: 'file/skipped',
    title: 'The file was not analysed (too large, too deeply nested, or binary)',
    defaultSeverity: 'info',
    phase: 'advice',
    docsUrl: '',
    fixable: false,
    appliesTo: [],
    description: [
      'To stay fast, files above the size limit (`ecsIam.maxFileSizeKB`, CLI `--max-file-size`, default 5 MB),',
      'files nested more than 512 levels deep and files with binary content are skipped with this one message',
      'instead of being parsed.',
    ].join('\n'),
  },
  check() {
    // Reported by the analyser itself before any rule runs.
  },
};
