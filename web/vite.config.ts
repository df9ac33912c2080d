/**
 * Build of the web console: `npm run build:web` (also run by `npm install`) writes `web/dist`, which
 * `lightswitch serve` serves at `/` (src/http/web-routes.ts). `npx vite --config web/vite.config.ts`
 * serves it in development, proxying the API and the log to a `lightswitch serve` on port 8080.
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = "http://127.0.0.1:8080";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The log explorer is the page people audit with: keep its code readable in the shipped bundle.
    sourcemap: true,
  },
  server: { proxy: { "/v1": api, "/log": api } },
});
