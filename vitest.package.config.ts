import { defineConfig } from 'vitest/config';

// The packaging suite (`npm run test:package`): npm pack and offline installs into empty projects,
// a tarball and a git URL. Slow (npm, a build in a clone), so apart from `npm test`; .ci/run runs it.
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    setupFiles: ['test/helpers/loopback-only.ts'],
    testTimeout: 300000,
    hookTimeout: 300000,
    fileParallelism: false,
  },
});
