import { maskRtspCredentials } from '@argus/domain';
import type { FfmpegExit } from './ffmpeg-process';

const MAX_REASON = 300;
const REASON_LINES = 3;
// ffmpeg's "[rtsp @ 0x55d…] " context and "[error] " level prefixes: noise in a reason.
const LOG_PREFIXES = /^(\[[\w-]+ @ 0x[0-9a-f]+\] )?(\[(error|fatal|warning|info)\] )?/;

/**
 * Masks the password of every rtsp(s) URL in a text, then removes the password of `url` wherever
 * else it appears (ffmpeg may print it decoded or on its own): a reason never carries it.
 */
export function withoutCredentials(text: string, url: string): string {
  let clean = maskRtspCredentials(text);
  for (const secret of passwordForms(url)) clean = clean.split(secret).join('***');
  return clean;
}

/** Why an ffmpeg child ended, from its last stderr lines or its exit status; credential-free. */
export function exitReason(exit: FfmpegExit, lastLines: readonly string[], url: string, what = 'ffmpeg'): string {
  let reason: string;
  if (exit.error) {
    reason = `cannot start ${what}: ${exit.error.message}`;
  } else if (lastLines.length > 0) {
    reason = lastLines
      .slice(-REASON_LINES)
      .map((line) => line.trim().replace(LOG_PREFIXES, ''))
      .join('; ');
  } else if (exit.signal) {
    reason = `${what} was killed (${exit.signal})`;
  } else if (exit.code === 0) {
    reason = `${what}: the stream ended`;
  } else {
    reason = `${what} exited with code ${exit.code}`;
  }
  const clean = withoutCredentials(reason, url);
  return clean.length > MAX_REASON ? `${clean.slice(0, MAX_REASON - 1)}…` : clean;
}

function passwordForms(url: string): string[] {
  let password: string;
  try {
    password = new URL(url).password;
  } catch {
    return [];
  }
  if (!password) return [];
  const forms = new Set([password]);
  try {
    forms.add(decodeURIComponent(password));
  } catch {
    // A malformed escape is only matched as written.
  }
  return [...forms].filter((form) => form.length > 0);
}
