import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';

export const KEY_SLOTS = ['key1', 'key2'] as const;
export type KeySlot = (typeof KEY_SLOTS)[number];

const StoredKeySchema = z
  .object({
    /** SHA-256 of the key, hex. The key itself is never stored. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    created: z.string(),
  })
  .strict();

const PrincipalEntrySchema = z
  .object({
    scopes: z.array(z.string()).default([]),
    key1: StoredKeySchema.optional(),
    key2: StoredKeySchema.optional(),
  })
  .strict();

/** The key store file: principals, each with up to two key hashes (key1/key2 rotate independently). */
export const KeyFileSchema = z
  .object({
    version: z.literal(1),
    principals: z.record(z.string().min(1), PrincipalEntrySchema),
  })
  .strict();

export type KeyFile = z.infer<typeof KeyFileSchema>;
export type PrincipalEntry = z.infer<typeof PrincipalEntrySchema>;

export function emptyKeyFile(): KeyFile {
  return { version: 1, principals: {} };
}

/**
 * SHA-256 of a key. A fast hash is enough here, unlike for passwords: every key is 256 random
 * bits, so there is no dictionary to try and brute force over 2^256 is out of reach whatever the
 * cost per guess; a slow KDF would only cost CPU on every request.
 */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new subscription key: 256 random bits as 64 hex characters (Azure keys are hex too). */
export function generateKey(): string {
  return randomBytes(32).toString('hex');
}

export function parseKeyFile(text: string): KeyFile {
  return KeyFileSchema.parse(JSON.parse(text));
}

export async function readKeyFile(path: string): Promise<KeyFile> {
  if (!existsSync(path)) return emptyKeyFile();
  return parseKeyFile(await readFile(path, 'utf8'));
}

/**
 * Replaces the file atomically (temporary file in the same folder, fsync, rename), so a running
 * server never reads a half-written store. Mode 0600: hashes are not secrets, but close.
 */
export async function writeKeyFile(path: string, data: KeyFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(KeyFileSchema.parse(data), null, 2)}\n`, { mode: 0o600 });
}
