/**
 * Creates the development PKI (CA, server and client certificate) in a folder, once: the compose
 * file runs it before the gateway replicas so they all share one CA instead of racing to make one.
 * Usage: `node dist/scripts/dev-certs.js [dir]` (default: certs).
 */
import { type Cli, parseCli, usageError } from '../src/cli/args.ts';
import { ensureDevCerts } from '../src/security/dev-certs.ts';

const CLI: Cli = {
  name: 'dev-certs',
  usage: `usage: node dist/scripts/dev-certs.js [dir]

  Creates the development CA, server and client certificate in dir (default: certs), once.
  -h, --help    this help`,
};
const { positionals } = parseCli(CLI, { allowPositionals: true, options: {} });
if (positionals.length > 1) usageError(CLI, `one folder at most, not ${positionals.length}`);
const dir = positionals[0] ?? 'certs';
const certs = await ensureDevCerts(dir);
console.log(
  JSON.stringify({ msg: certs.created ? 'development PKI created' : 'development PKI present', dir }),
);
