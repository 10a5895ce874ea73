/**
 * `npm run keys -- <command>`: edits the subscription key store (security.keyStoreFile, or --file).
 *
 *   create <principal> [--scopes a,b]     new principal with key1 and key2 (printed once)
 *   rotate <principal> [--key key1|key2]  new value for one key (default key1); the other keeps working
 *   revoke <principal> [--key key1|key2]  removes one key, or the principal with all its keys
 *   list                                  principals, scopes and key dates (never a key)
 *
 * New keys are printed once, as JSON on stdout; only their SHA-256 is stored. A running server
 * picks up every change without a restart.
 */
import { type Cli, parseCli, usageError } from '../src/cli/args.ts';
import { loadConfig } from '../src/config/load.ts';
import {
  generateKey,
  hashKey,
  KEY_SLOTS,
  type KeyFile,
  type KeySlot,
  readKeyFile,
  writeKeyFile,
} from '../src/security/keys/file.ts';

const CLI: Cli = {
  name: 'keys',
  usage: `usage: npm run keys -- <command> [principal] [options]

  create <principal> [--scopes a,b]     new principal with key1 and key2 (printed once)
  rotate <principal> [--key key1|key2]  new value for one key (default key1); the other keeps working
  revoke <principal> [--key key1|key2]  removes one key, or the principal with all its keys
  list                                  principals, scopes and key dates (never a key)

  --file <path>   the key store (default: security.keyStoreFile)
  -h, --help      this help`,
};

function fail(message: string): never {
  return usageError(CLI, message);
}

function newKey(): { key: string; stored: { sha256: string; created: string } } {
  const key = generateKey();
  return { key, stored: { sha256: hashKey(key), created: new Date().toISOString() } };
}

function slotOf(value: string | undefined): KeySlot {
  const slot = value ?? 'key1';
  if (!(KEY_SLOTS as readonly string[]).includes(slot)) fail(`--key must be key1 or key2, not ${slot}`);
  return slot as KeySlot;
}

async function main(): Promise<void> {
  const { values, positionals } = parseCli(CLI, {
    allowPositionals: true,
    options: { key: { type: 'string' }, scopes: { type: 'string' }, file: { type: 'string' } },
  });
  const [command, principal, extra] = positionals;
  if (command === undefined) fail('no command');
  if (!['create', 'rotate', 'revoke', 'list'].includes(command)) fail(`unknown command ${command}`);
  if (extra !== undefined) fail(`unexpected argument ${extra}`);
  const file = values.file ?? loadConfig().security.keyStoreFile;
  const store: KeyFile = await readKeyFile(file);
  const entry = principal !== undefined ? store.principals[principal] : undefined;
  const needPrincipal = (): string => principal ?? fail(`${command} needs a principal`);

  switch (command) {
    case 'create': {
      const id = needPrincipal();
      if (entry) fail(`principal ${id} exists; use rotate`);
      const k1 = newKey();
      const k2 = newKey();
      const scopes = (values.scopes ?? '').split(',').filter(Boolean);
      store.principals[id] = { scopes, key1: k1.stored, key2: k2.stored };
      await writeKeyFile(file, store);
      console.log(JSON.stringify({ principal: id, key1: k1.key, key2: k2.key }));
      console.error(`created ${id}: store the keys now, they are not shown again`);
      return;
    }
    case 'rotate': {
      const id = needPrincipal();
      if (!entry) fail(`no principal ${id}`);
      const slot = slotOf(values.key);
      const k = newKey();
      entry[slot] = k.stored;
      await writeKeyFile(file, store);
      console.log(JSON.stringify({ principal: id, [slot]: k.key }));
      console.error(`rotated ${slot} of ${id}: the old ${slot} no longer works`);
      return;
    }
    case 'revoke': {
      const id = needPrincipal();
      if (!entry) fail(`no principal ${id}`);
      if (values.key === undefined) delete store.principals[id];
      else delete entry[slotOf(values.key)];
      await writeKeyFile(file, store);
      console.error(`revoked ${values.key ?? 'all keys'} of ${id}`);
      return;
    }
    case 'list': {
      const rows = Object.entries(store.principals).map(([id, p]) => ({
        principal: id,
        scopes: p.scopes,
        key1: p.key1 ? { created: p.key1.created } : null,
        key2: p.key2 ? { created: p.key2.created } : null,
      }));
      console.log(JSON.stringify(rows, null, 2));
      return;
    }
    default:
      fail(`unknown command ${command}`);
  }
}

await main();
