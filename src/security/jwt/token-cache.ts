import { createHash } from 'node:crypto';
import type { Principal } from '../../http/principal.ts';

/**
 * Verified tokens, so a client reusing its token (the normal case: an Entra token lives an hour)
 * pays for one signature check, not one per request. Bounded (least recently used out first),
 * keyed by the SHA-256 of the token (the token itself is not kept), never served past `exp`.
 */
export class TokenCache {
  private readonly entries = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(private readonly capacity: number) {}

  static keyOf(token: string): string {
    return createHash('sha256').update(token).digest('base64');
  }

  get(key: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= now) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry.principal;
  }

  set(key: string, principal: Principal, expiresAt: number): void {
    if (this.capacity === 0) return;
    this.entries.delete(key);
    this.entries.set(key, { principal, expiresAt });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}
