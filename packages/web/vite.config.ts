import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Resolve paths from this file so the build works from any working directory.
const here = (p: string) => decodeURIComponent(new URL(p, import.meta.url).pathname);

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    // The shell (React, router, antd layout, zod schemas) is ~360 kB gzip; pages load lazily.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000' } },
  },
});
