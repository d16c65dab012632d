import type { Rule } from '../core/rule';

export const fileSkipped: Rule = {
  meta: {
    id: 'file/skipped',
    title: 'The file was not analysed (too large, too deeply nested, binary, or not in a readable encoding)',
    defaultSeverity: 'info',
    phase: 'advice',
    docsUrl: '',
    fixable: false,
    appliesTo: [],
    description: [
      'To stay fast, files above the size limit (`ecsIam.maxFileSizeKB`, CLI `--max-file-size`, default 5 MB),',
      'files nested more than 512 levels deep and files with binary content are skipped with this one message',
      'instead of being parsed. Files are read as UTF-8, or as UTF-16 LE/BE or UTF-32 when they start with a byte',
      'order mark (Windows PowerShell 5.1 writes UTF-16 LE); a file that is neither is reported as a warning that',
      'names the encoding to save it in (UTF-8).',
    ].join('\n'),
  },
  check() {
    // Reported by the analyser itself before any rule runs.
  },
};
