import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // both cores: vitest's default leaves one idle on a 2-core machine (the suite runs in about 160 s, not 200)
    maxWorkers: 2,
  },
});
