/**
 * Creates the development PKI (CA, server and client certificate) in a folder, once: the compose
 * file runs it before the gateway replicas so they all share one CA instead of racing to make one.
 * Usage: `node dist/scripts/dev-certs.js [dir]` (default: certs).
 */
import { ensureDevCerts } from '../src/security/dev-certs.ts';

const dir = process.argv[2] ?? 'certs';
const certs = await ensureDevCerts(dir);
console.log(
  JSON.stringify({ msg: certs.created ? 'development PKI created' : 'development PKI present', dir }),
);
