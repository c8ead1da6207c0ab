/** The databases and collections of the MongoDB test double, all in memory. */
import { WireCollection } from './collection';

export class WireStore {
  private readonly databases = new Map<string, Map<string, WireCollection>>();

  find(db: string, name: string): WireCollection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** The collection, created on first use as MongoDB does for writes and index builds. */
  obtain(db: string, name: string): { collection: WireCollection; created: boolean } {
    const existing = this.find(db, name);
    if (existing) return { collection: existing, created: false };
    const collections = this.databases.get(db) ?? new Map<string, WireCollection>();
    this.databases.set(db, collections);
    const collection = new WireCollection(db, name);
    collections.set(name, collection);
    return { collection, created: true };
  }

  list(db: string): WireCollection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  drop(db: string, name: string): boolean {
    return this.databases.get(db)?.delete(name) ?? false;
  }

  dropDatabase(db: string): void {
    this.databases.delete(db);
  }

  databaseNames(): string[] {
    return [...this.databases.keys()];
  }
}
