import { defineConfig } from 'vite';

// `vite build web` writes web/dist, which the server serves; `vite web` proxies the API to a running server.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/openapi.json': 'http://127.0.0.1:8080' } },
});
