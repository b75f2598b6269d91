import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { precompress } from './scripts/precompress.ts';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'client',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Mantine's building blocks that most pages share (Box, Text, Button, inputs …) in one
          // chunk: left alone they come as a score of tiny files, each a round trip on a slow link
          // (HTTP/1.1 fetches six at a time). Parts fewer pages use (menus, selects, modals) stay
          // apart, off the sign-in screen. Measured: `pnpm perf:first-screen`.
          groups: [{ name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/, minShareCount: 30 }],
        },
      },
    },
  },
  server: { proxy: Object.fromEntries(['/trpc', '/api'].map((prefix) => [prefix, `http://localhost:${process.env.API_PORT ?? 3000}`])) },
  test: {
    // `root: 'client'` is for the app; the tests live at the repository root.
    root: repoRoot,
    // CI sums the JSON reports of its runs into one closing line.
    reporters: process.env.TEST_REPORT ? ['default', ['json', { outputFile: process.env.TEST_REPORT }]] : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          root: repoRoot,
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', '**/node_modules/**'],
          globalSetup: ['tests/harness/global-setup.ts'],
          // Generous: argon2 sign-ups in factories take seconds each when the machine is shared.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          root: repoRoot,
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/harness/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 1,
        },
      },
    ],
  },
});
