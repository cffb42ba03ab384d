// Entry of a pool worker thread: registers tsx with the project's tsconfig (as bin/lvzhi.js does), so the
// TypeScript job module runs here whatever the parent's loader or working directory, then hands piscina
// the job function.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)) });
const { runJob } = await import("./jobs.ts");

export default runJob;
