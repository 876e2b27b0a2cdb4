import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// `--mode mock` swaps the Tauri API for an in-browser fake tenant so the UI
// can be looked at (and screenshotted) in a plain browser. The alias exists
// only in that mode, so the mock never reaches the production bundle.
const mockBackend = fileURLToPath(new URL("./src/lib/backend.mock.ts", import.meta.url));

const mockAliases: Record<string, string> = {
  "@tauri-apps/api/core": mockBackend,
  "@tauri-apps/api/event": mockBackend,
};

export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  resolve: { alias: mode === "mock" ? mockAliases : {} },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Tauri serves files from disk: one chunk is simpler and loads instantly.
    chunkSizeWarningLimit: 800,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
}));
