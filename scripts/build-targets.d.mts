/** Types for scripts/build-targets.mjs (plain JavaScript: `npm start` runs it with node alone). */
import type { BuildTarget } from './build-stamp.mjs';

export const root: string;
/** Worker bundle name → its source, relative to root. */
export const workerEntries: Readonly<Record<string, string>>;
export const targets: Array<BuildTarget & { name: 'renderer' | 'core' }>;
/** Builds the renderer for production (whatever NODE_ENV says), into `outDir` or out/renderer. */
export function buildRendererForProduction(outDir?: string): Promise<void>;
