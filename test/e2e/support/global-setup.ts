import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildRendererForProduction } from '../../../scripts/build-targets.mjs';
import { buildEntries } from '../../support/built-entries.js';
import { migratedSqliteFile } from '../../support/databases.js';
import { prepareDemoTemplate, prepareSignedOutTemplate } from './demo-template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder holding `out/renderer`: browser hosts run with it as their working directory. */
    appRoot: string;
    /** A console data folder that ran once on the embedded demo and synced (demo-template.ts). */
    demoTemplate: string;
    /** The same folder after its user signed out: the Connection screen, no demo API. */
    signedOutTemplate: string;
    /** A migrated, empty billing database: each separately started API starts on a copy (billing-api.ts). */
    apiDatabaseTemplate: string;
  }
}

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Builds the renderer once for the whole run, into a folder of its own rather than `out/renderer`,
 * so that the run neither clobbers nor depends on whatever `npm run build` last left there.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Screenshots of this run only: a FAILED-… picture left from an earlier run would mislead.
  await rm(join(repoRoot, 'test-results', 'e2e'), { recursive: true, force: true });
  const appRoot = await mkdtemp(join(tmpdir(), 'rc-e2e-app-'));
  await buildRendererForProduction(join(appRoot, 'out', 'renderer'));
  project.provide('appRoot', appRoot);
  const removeEntries = await buildEntries();
  const demoTemplate = join(appRoot, 'demo-console-data');
  await prepareDemoTemplate(appRoot, demoTemplate);
  project.provide('demoTemplate', demoTemplate);
  const signedOutTemplate = join(appRoot, 'signed-out-console-data');
  await prepareSignedOutTemplate(appRoot, demoTemplate, signedOutTemplate);
  project.provide('signedOutTemplate', signedOutTemplate);
  const apiDatabaseTemplate = join(appRoot, 'migrated-billing.sqlite');
  await migratedSqliteFile(apiDatabaseTemplate);
  project.provide('apiDatabaseTemplate', apiDatabaseTemplate);
  return async () => {
    await removeEntries();
    await rm(appRoot, { recursive: true, force: true });
  };
}
