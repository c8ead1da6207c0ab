import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

declare const E2E_ROOT: string;

/** Screenshots land in test-artifacts/e2e (git-ignored), kept for a person to look at. */
export const ARTIFACTS = join(E2E_ROOT, 'test-artifacts', 'e2e');

export async function screenshot(target: Page | Locator, name: string, fullPage = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path, fullPage });
  else await target.screenshot({ path });
  return path;
}
