import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Alert, AlertOutbox } from '@argus/domain';

const ENTRY = /^(\d{16})\.json$/;
const TEMP = /^\.\d{16}\.json\.tmp$/;
const FORMAT = 1;

interface Entry {
  v: number;
  alert: Omit<Alert, 'timestamp' | 'createdAt'> & { timestamp: string; createdAt: string };
}

/**
 * The alert outbox as a directory (`DATA_DIR/outbox`): one file per alert, named by a sequence
 * number so the listing is the append order. Each file is written to a temporary name, fsynced,
 * renamed into place and the directory fsynced, so after a crash an alert is either entirely
 * there or not there at all (never half a file). Appends run one at a time, in call order.
 */
export class FsAlertOutbox implements AlertOutbox {
  private readonly files = new Map<string, string>();
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(private readonly dir: string, private nextSeq: number) {}

  /** Opens (creating) the directory and clears temporary files a crash left half-written. */
  static async open(dir: string): Promise<FsAlertOutbox> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    let last = 0;
    for (const name of await readdir(dir)) {
      if (TEMP.test(name)) await unlink(join(dir, name));
      const seq = ENTRY.exec(name)?.[1];
      if (seq) last = Math.max(last, Number(seq));
    }
    return new FsAlertOutbox(dir, last + 1);
  }

  append(alert: Alert): Promise<void> {
    const name = `${String(this.nextSeq++).padStart(16, '0')}.json`;
    const entry: Entry = { v: FORMAT, alert: { ...alert, timestamp: alert.timestamp.toISOString(), createdAt: alert.createdAt.toISOString() } };
    const write = this.tail.then(() => this.writeDurably(name, JSON.stringify(entry)));
    this.tail = write.catch(() => undefined);
    return write.then(() => void this.files.set(alert.alertId, name));
  }

  async pending(): Promise<Alert[]> {
    const names = (await readdir(this.dir)).filter((name) => ENTRY.test(name)).sort();
    const alerts: Alert[] = [];
    for (const name of names) {
      const alert = await this.read(name);
      if (!alert) continue;
      this.files.set(alert.alertId, name);
      alerts.push(alert);
    }
    return alerts;
  }

  async remove(alertId: string): Promise<void> {
    if (!this.files.has(alertId)) await this.pending();
    const name = this.files.get(alertId);
    if (!name) return;
    this.files.delete(alertId);
    // Not fsynced: a removal lost in a crash only brings back an alert the database already has.
    await unlink(join(this.dir, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  private async writeDurably(name: string, text: string): Promise<void> {
    const temp = join(this.dir, `.${name}.tmp`);
    const file = await open(temp, 'w', 0o600);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, join(this.dir, name));
    const dir = await open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  /** An entry that cannot be read is set aside (renamed `.corrupt`) for a person to look at. */
  private async read(name: string): Promise<Alert | null> {
    const path = join(this.dir, name);
    try {
      const entry = JSON.parse(await readFile(path, 'utf8')) as Entry;
      if (entry.v !== FORMAT || typeof entry.alert?.alertId !== 'string') throw new Error('unknown outbox entry format');
      return { ...entry.alert, timestamp: new Date(entry.alert.timestamp), createdAt: new Date(entry.alert.createdAt) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      await rename(path, `${path}.corrupt`).catch(() => undefined);
      return null;
    }
  }
}
