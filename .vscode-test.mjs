// For machines with a desktop VS Code: `npm run test:electron` runs the same integration suite through
// @vscode/test-cli / @vscode/test-electron. It downloads VS Code, so it cannot run on the offline CI machines.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/*.test.js',
  version: '1.99.3',
  workspaceFolder: './test/fixtures/workspace',
  mocha: { ui: 'bdd', timeout: 30000, color: true },
});
