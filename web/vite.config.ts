import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

/** Where the API runs during development; override with CAREBASE_API_URL (e.g. http://localhost:8090). */
const apiTarget = process.env.CAREBASE_API_URL ?? 'http://localhost:8080';

const proxy: Record<string, ProxyOptions> = {
  '/api': { target: apiTarget, ws: true },
  '/healthz': { target: apiTarget },
  '/verify': { target: apiTarget },
};

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        // Charts are left out of these groups so they load only with the pages that draw them.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 30,
            },
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine(?![\\/]charts)|@floating-ui|react-number-format|react-remove-scroll|react-style-singleton|use-callback-ref|use-sidecar|react-remove-scroll-bar|get-nonce|tabbable|clsx)[\\/]/,
              priority: 20,
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
