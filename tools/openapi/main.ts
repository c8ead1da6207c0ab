// `npm run api:types`: writes the console's API types (apps/web/src/app/api/openapi.ts) from the
// OpenAPI document the API serves. `--check` writes nothing and fails when the checked-in file
// differs from what the API describes now. `--document <file>` reads the document from a JSON file
// instead of starting the built server (the API's tests pass the one their app serves).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { API_TYPES_FILE, apiTypesDrift, readCheckedInApiTypes, renderApiTypes } from './api-types';
import { fetchServedDocument } from './served-document';

const USAGE = 'usage: npm run api:types [-- [--check] [--document <openapi.json>]]';

interface Options {
  check: boolean;
  document: string | null;
}

function parseArgs(args: string[]): Options {
  const options: Options = { check: false, document: null };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--check') options.check = true;
    else if (args[i] === '--document' && args[i + 1]) options.document = args[++i];
    else throw new Error(`unknown argument ${args[i]}\n${USAGE}`);
  }
  return options;
}

async function main(args: string[]): Promise<number> {
  const options = parseArgs(args);
  const document = options.document ? (JSON.parse(readFileSync(options.document, 'utf8')) as object) : await fetchServedDocument();
  const fresh = await renderApiTypes(document);
  const drift = apiTypesDrift(readCheckedInApiTypes(), fresh);
  if (options.check) {
    process.stdout.write(drift ? '' : `${API_TYPES_FILE} matches the API's OpenAPI document\n`);
    if (drift) process.stderr.write(`${drift}\n`);
    return drift ? 1 : 0;
  }
  if (drift) {
    const target = join(__dirname, '..', '..', API_TYPES_FILE);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, fresh);
  }
  process.stdout.write(drift ? `wrote ${API_TYPES_FILE}\n` : `${API_TYPES_FILE} is up to date\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`api:types failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
