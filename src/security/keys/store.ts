import { readFileSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from '../../observability/logger.ts';
import type { Principal } from '../../http/principal.ts';
import { watchFiles, type FileWatch } from '../watch.ts';
import { emptyKeyFile, hashKey, KEY_SLOTS, type KeyFile, parseKeyFile } from './file.ts';

interface Entry {
  readonly digest: Buffer;
  readonly principal: Principal;
}

/**
 * The subscription keys the server accepts, indexed by key hash, reloaded whenever the store file
 * changes (`npm run keys` replaces it atomically). A bad file is logged and the previous keys stay.
 */
export class KeyStore {
  private index = new Map<string, Entry>();
  private text: string | undefined;
  private watcher: FileWatch | undefined;

  private constructor(
    private readonly path: string,
    private readonly logger: Logger,
  ) {}

  static open(path: string, logger: Logger, pollMs: number): KeyStore {
    const store = new KeyStore(path, logger);
    store.reload();
    store.watcher = watchFiles([path], () => store.reload(), pollMs);
    return store;
  }

  get size(): number {
    return this.index.size;
  }

  /** The principal owning `key`, if any. */
  verify(key: string): Principal | undefined {
    const digest = hashKey(key);
    const entry = this.index.get(digest);
    // The map lookup compares digests of the presented key, which tell an attacker nothing about a
    // stored key; the timing-safe compare of the full digest makes the final decision regardless.
    if (!entry || !timingSafeEqual(entry.digest, Buffer.from(digest, 'hex'))) return undefined;
    return entry.principal;
  }

  /** Re-reads the file; keeps the current keys if it is unreadable or invalid. */
  reload(): void {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.logger.warn({ file: this.path, err: (err as Error).message }, 'key store unreadable; keys kept');
        return;
      }
      if (this.text === undefined)
        this.logger.warn({ file: this.path }, 'no key store file: no subscription keys');
      text = '';
    }
    if (text === this.text) return;
    let data: KeyFile;
    try {
      data = text === '' ? emptyKeyFile() : parseKeyFile(text);
    } catch (err) {
      this.logger.warn({ file: this.path, err: (err as Error).message }, 'invalid key store; keys kept');
      return;
    }
    this.index = indexKeys(data);
    const first = this.text === undefined;
    this.text = text;
    this.logger.info(
      { file: this.path, principals: Object.keys(data.principals).length, keys: this.index.size },
      first ? 'key store loaded' : 'key store reloaded',
    );
  }

  close(): void {
    this.watcher?.close();
  }
}

function indexKeys(data: KeyFile): Map<string, Entry> {
  const index = new Map<string, Entry>();
  for (const [id, p] of Object.entries(data.principals)) {
    const principal: Principal = Object.freeze({
      id,
      methods: Object.freeze(['subscription-key'] as const),
      scopes: Object.freeze([...p.scopes]),
    });
    for (const slot of KEY_SLOTS) {
      const stored = p[slot];
      if (stored) index.set(stored.sha256, { digest: Buffer.from(stored.sha256, 'hex'), principal });
    }
  }
  return index;
}
