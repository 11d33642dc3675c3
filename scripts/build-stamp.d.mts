/** Types for scripts/build-stamp.mjs (plain JavaScript: `npm start` runs it with node alone). */
export interface BuildTarget {
  inputs: string[];
  output: string;
  stamp: string;
  build(): Promise<void>;
}
export function inputFiles(root: string, inputs: string[]): string[];
export function contentPrint(root: string, files: string[]): string;
export function buildIfChanged(root: string, target: BuildTarget): Promise<'built' | 'fresh'>;
