/**
 * vitest globalSetup: build dist/ once before the tests that spawn the CLI.
 * Add to vitest.config.ts: `test: { globalSetup: ['test/support/build.ts'] }`.
 * (Without it, test/support/run-cli.ts `ensureBuilt()` builds from the test files.)
 */
import { build, BUILT_ENV } from './run-cli.js';

export default function setup(): void {
  build();
  process.env[BUILT_ENV] = '1';
}
