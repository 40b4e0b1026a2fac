/// <reference types="node" />
import { defineConfig, type Plugin } from 'vite';

/** Where the NestJS server listens during development (`npx vite client`). */
const apiTarget = process.env.CCHC_API_URL ?? 'http://localhost:3000';

/**
 * Absolute origin used for Open Graph URLs (social networks need absolute URLs),
 * e.g. PUBLIC_URL=https://hoithi.example.gov.vn. Empty means root-relative URLs.
 */
const publicUrl = (process.env.PUBLIC_URL ?? '').replace(/\/+$/, '');

function publicUrlPlugin(): Plugin {
  return {
    name: 'cchc-public-url',
    transformIndexHtml: (html) => html.replaceAll('__PUBLIC_URL__', publicUrl),
  };
}

const proxy = {
  '/api': { target: apiTarget },
  '/metrics': { target: apiTarget },
  '/socket.io': { target: apiTarget, ws: true },
};

// Paths are relative to this folder: `npx vite build client` from the repo root
// builds into client/dist/, `npx vite client` serves the dev server.
export default defineConfig({
  plugins: [publicUrlPlugin()],
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Older Android WebViews (Zalo's in-app browser on cheap phones).
    target: 'es2020',
    sourcemap: true,
  },
  server: { proxy },
  preview: { proxy },
});
