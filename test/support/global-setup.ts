import { buildEntries } from './built-entries.js';

/** Bundles the programs tests start as child processes (built-entries.ts); removes them after. */
export default function setup(): Promise<() => Promise<void>> {
  return buildEntries();
}
