import { join } from 'node:path';
import { build } from 'esbuild';

/** The console's framework-free live-view code (WhepPlayer, OverlayRenderer, DetectionsFeed). */
const LIVE_DIR = join(__dirname, '..', '..', 'apps', 'web', 'src', 'app', 'live');

const bundles = new Map<string, Promise<string>>();

/**
 * A harness script that imports from apps/web/src/app/live, bundled for a bare page (once per name),
 * ready to inline in a <script> element. The browser tests and the live-view benchmark drive the
 * console's own player this way, without Angular.
 */
export function bundleLiveHarness(name: string, source: string): Promise<string> {
  let bundled = bundles.get(name);
  if (!bundled) {
    bundled = build({
      stdin: { contents: source, resolveDir: LIVE_DIR, loader: 'ts', sourcefile: name },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome110',
      write: false,
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script'));
    bundles.set(name, bundled);
  }
  return bundled;
}
