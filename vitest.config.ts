import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/support/build-web-app.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
