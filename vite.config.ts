// Builds the wallboard (wallboard/ → dist/wallboard/) that the Express server serves on one
// origin. In development, Vite serves it and proxies Socket.IO and the REST API to the server
// (WALLBOARD_API, default http://localhost:3000).
import { defineConfig } from 'vite';

const api = process.env['WALLBOARD_API'] ?? 'http://localhost:3000';

export default defineConfig({
  root: 'wallboard',
  base: '/',
  appType: 'spa',
  build: {
    outDir: '../dist/wallboard',
    emptyOutDir: true,
    target: 'es2022',
    // No source maps in the production build: the server would serve them to anyone.
    sourcemap: false,
  },
  server: {
    proxy: {
      // Host kept as the browser sent it, so the page's Origin is the server's "same origin".
      '/socket.io': { target: api, ws: true, changeOrigin: false },
      '/api': { target: api, changeOrigin: true },
      '/healthz': { target: api, changeOrigin: true },
    },
  },
});
