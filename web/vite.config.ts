import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Built into web/dist and served by src/http/server.ts (SPA fallback to index.html).
// dkfds' package.json exports only its JS; its CSS, fonts and icons are reached through this alias.
const dkfds = fileURLToPath(new URL('../node_modules/dkfds/dist/', import.meta.url));

export default defineConfig(({ command }) => ({
  // A build is for production even when started from a test runner (NODE_ENV=test would give React's dev build).
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  resolve: { alias: [{ find: /^@dkfds\//, replacement: dkfds }] },
  // Vite 8 transforms TSX with oxc; React's automatic runtime, no plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react', development: command !== 'build' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
}));
