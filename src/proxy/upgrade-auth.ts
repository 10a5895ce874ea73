import type { IncomingMessage } from 'node:http';
import type { Principal } from '../http/principal.ts';

/**
 * Decides who may open a websocket through the proxy. Upgrades bypass the Express pipeline, so the
 * security layer supplies this check (throw an ApiError to refuse, return the principal).
 */
export type UpgradeAuthorizer = (req: IncomingMessage) => Principal | Promise<Principal>;
