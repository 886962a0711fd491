import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/interop/**', 'test/package/**', 'node_modules/**'],
    setupFiles: ['test/helpers/loopback-only.ts'],
    testTimeout: 20000,
    hookTimeout: 20000,
  },
});
