import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = 'http://127.0.0.1:3000';
// No changeOrigin: the API accepts a socket only when its Origin matches the Host it sees, so the
// proxy must pass the browser's Host through unchanged.
const proxy = {
  '/api': { target: api },
  '/socket.io': { target: api, ws: true },
};

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    // The web consumes the shared contract and the framework-free domain rules as TypeScript source
    // (never hand-copied types or rules).
    alias: {
      '@akiwa/contracts': here('../../libs/contracts/src/index.ts'),
      '@akiwa/domain': here('../../libs/domain/src/index.ts'),
    },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { proxy },
  preview: { proxy },
});
