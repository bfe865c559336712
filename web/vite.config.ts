import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import { precompress } from './vite-precompress.ts';

/** Where the API runs during development; override with CAREBASE_API_URL (e.g. http://localhost:8090). */
const apiTarget = process.env.CAREBASE_API_URL ?? 'http://localhost:8080';

const proxy: Record<string, ProxyOptions> = {
  '/api': { target: apiTarget, ws: true },
  '/healthz': { target: apiTarget },
  '/verify': { target: apiTarget },
  '/dicom-web': { target: apiTarget },
};

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // The contracts only declare schemas and constants: a page's chunk keeps just the ones it uses
      // (the sign-in page does not download every module's schemas).
      treeshake: { moduleSideEffects: (id) => !/[\\/]packages[\\/]contracts[\\/]/.test(id) },
      output: {
        // Libraries every page needs change less often than the app: separate chunks stay cached across
        // releases. Mantine is not one of them: its components go with the pages that use them, so the
        // sign-in page downloads only its own (charts likewise load only with the pages that draw them).
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 30,
            },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  server: { proxy },
  preview: { proxy },
});
