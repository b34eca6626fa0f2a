// Builds the workstation renderer into dist/renderer, loaded by Electron and by the browser host alike.
import { defineConfig } from 'vite';
import path from 'node:path';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: true,
    rollupOptions: {
      // MUI marks its modules "use client" for server components; meaningless in a desktop renderer.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { fs: { allow: [path.resolve(import.meta.dirname, '..')] } },
});
