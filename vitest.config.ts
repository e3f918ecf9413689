import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the CLI tests spawn the compiled program: build dist/ once before any test file runs
    globalSetup: ['test/support/build.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
