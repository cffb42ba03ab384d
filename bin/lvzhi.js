#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx lvzhi` works without a build step. The project's tsconfig is
// named explicitly so the CLI behaves the same from any working directory (issue 9, row 7).
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../src/cli/main.ts");
