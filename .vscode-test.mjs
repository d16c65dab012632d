// In-host tests with @vscode/test-cli + @vscode/test-electron (`npm run test:vscode`). They need to
// download VS Code desktop, which these project machines cannot; the code-server suite
// (`npm run test:e2e`) covers the same scenarios here and in CI.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/vscode/**/*.e2e.js',
  workspaceFolder: 'test/e2e/workspace',
  version: '1.100.3',
  mocha: { ui: 'tdd', timeout: 60_000 },
});
