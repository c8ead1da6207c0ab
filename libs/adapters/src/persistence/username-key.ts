/**
 * The form a username is compared in, shared by both adapters so "Alice", "ALICE" and a
 * decomposed "Alicé" are one account whichever database stores them. SQLite's NOCASE only
 * folds ASCII, hence a stored key rather than a collation.
 */
export function usernameKey(username: string): string {
  return String(username).normalize('NFC').toLowerCase();
}
