import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runBrowserHost } from './start-browser.js';

/**
 * `npm start`: the Electron app where its binary is installed; otherwise (as on build machines,
 * where electron's install script is denied) the same core as a browser host, saying so.
 */
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = process.env.RESELLER_CONSOLE_BROWSER_HOST ? null : electronBinary();
if (binary && existsSync('out/main/index.js')) {
  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const reason = binary
    ? 'The Electron app is not built (npm run build:electron); starting the browser host instead.'
    : 'The Electron binary is not installed here; starting the browser host instead.';
  runBrowserHost(reason).catch((error: unknown) => {
    console.error(`browser host failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
