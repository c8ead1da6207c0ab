import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class CredentialKeyError extends Error {}

/** A sealed value that does not open with this key (another key, or altered). */
export class CredentialDecryptError extends Error {}

/**
 * AES-256-GCM for secrets kept in the database (camera URLs with their passwords). A sealed value
 * reads `enc:v1:<base64url of iv | ciphertext | tag>`; the context (e.g. the camera id) is bound
 * as associated data, so a sealed value copied onto another row does not open there.
 */
export class CredentialCipher {
  private constructor(private readonly key: Buffer) {}

  /** From `ARGUS_SECRET_KEY` or secrets.json: base64 (or base64url) of exactly 32 bytes. */
  static fromBase64(text: string): CredentialCipher {
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== 32) throw new CredentialKeyError(`the credential key must be 32 bytes in base64 (got ${key.length} bytes)`);
    return new CredentialCipher(key);
  }

  static generateKey(): string {
    return randomBytes(32).toString('base64');
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The plain text of a sealed value; a value stored before encryption comes back as it is. */
  open(value: string, context: string): string {
    if (!CredentialCipher.isSealed(value)) return value;
    const raw = Buffer.from(value.slice(PREFIX.length), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new CredentialDecryptError('sealed value is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new CredentialDecryptError('sealed value does not open with this key');
    }
  }
}
