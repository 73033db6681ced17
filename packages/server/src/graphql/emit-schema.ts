import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printChorusSchema } from './schema.js';

// Run by `pnpm schema:emit`; a test fails when the committed file differs from this output.
const target = resolve(__dirname, '../../schema.graphql');
writeFileSync(target, printChorusSchema());
console.log(`schema written to ${target}`);
