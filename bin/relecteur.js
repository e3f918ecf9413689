#!/usr/bin/env -S node --max-old-space-size=384
// (a bounded old generation makes V8 collect before the heap grows: see README "Memory")
// Launcher: runs the compiled CLI (built by `npm install` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'src', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`relecteur: ${cli} is missing; run \`npm install\` (or \`npm run build\`) first\n`);
  process.exit(2);
}
const { main } = await import(cli);
process.exitCode = await main(process.argv.slice(2));
