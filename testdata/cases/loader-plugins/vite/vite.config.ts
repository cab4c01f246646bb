import { defineConfig } from "vite";
import { cloudflare } from "@cloudflare/vite-plugin";
import mdx from "@mdx-js/rollup";

// Vite bundles the Worker, and @mdx-js/rollup compiles .mdx first.
export default defineConfig({ plugins: [cloudflare(), mdx()] });
