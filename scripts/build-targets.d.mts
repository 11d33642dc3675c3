/** Types for scripts/build-targets.mjs (plain JavaScript: `npm start` runs it with node alone). */
import type { BuildTarget } from './build-stamp.mjs';

export const root: string;
export const targets: Array<BuildTarget & { name: 'renderer' | 'core' }>;
