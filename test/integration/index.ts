import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Entry for VS Code's test runner (code-server payload or @vscode/test-electron): runs every *.test.js here. */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000 });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  let passed = 0;
  let failed = 0;
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`WK-RESULT ${JSON.stringify({ passed, failed })}`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
}
