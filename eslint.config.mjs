// ESLint (typescript-eslint) over the TypeScript sources and tests; `npm run lint`, part of `npm test`.
// The rules are those the code already follows: they keep it that way without a review comment. Formatting
// (line length, quotes, commas) is Prettier's (`.prettierrc.json`); eslint-config-prettier turns off the rules that would disagree.
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'dist-vsix/**', 'node_modules/**', '.vscode-test/**', 'test/e2e/**', 'test/corpus/**'] },
  // First, so that the project's own rules below (curly among them) still apply.
  prettier,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // `let x; ... x = await ...` read by a callback before the assignment is right as written.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      curly: ['error', 'multi-line'],
      'no-var': 'error',
      'no-throw-literal': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
);
