/**
 * The Lua scripts that change a job in Redis, each atomic. Keys are built from the prefix inside the
 * scripts (`<prefix>job:<id>`, `<prefix>all`, ...): a single Redis (or a primary with replicas),
 * not Redis Cluster.
 *
 * Layout under the prefix: `job:<id>` (hash: `meta`, `input`, `status`, `updated`, `t:<i>` per
 * finished task; expires with the job), `all` (sorted set: id by expiry), `finished` (sorted set:
 * id by end, the eviction order), `unfinished` (hash: id -> principal), `weights` (hash: id ->
 * weight), `usage:<ledger>` (list: usage owed to one replica's ledger, see usage-outbox.ts).
 */

/** Removes a job and its index entries. */
const DROP = `
local function drop(p, id)
  redis.call('DEL', p .. 'job:' .. id)
  redis.call('ZREM', p .. 'all', id)
  redis.call('ZREM', p .. 'finished', id)
  redis.call('HDEL', p .. 'unfinished', id)
  redis.call('HDEL', p .. 'weights', id)
end
`;

/**
 * Admits a job under every replica's limits (the memory store's rules, over the shared store):
 * drops expired jobs, refuses when the principal's unfinished jobs or all unfinished jobs leave no
 * room (`principal` / `full`), evicts finished jobs oldest-first only as far as needed, then stores
 * the job (`ok`).
 * ARGV: prefix, now, id, principal, weight, maxJobs, maxWeight, maxPerPrincipal, meta, input,
 * status, updated, expiresAt.
 */
export const ADMIT = `${DROP}
local p, now, id, principal = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
local weight, maxJobs, maxWeight, maxPer = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
for _, j in ipairs(redis.call('ZRANGEBYSCORE', p .. 'all', '-inf', now)) do drop(p, j) end
local count, load, mine, mineLoad = 0, 0, 0, 0
local unfinished = redis.call('HGETALL', p .. 'unfinished')
for i = 1, #unfinished, 2 do
  local w = tonumber(redis.call('HGET', p .. 'weights', unfinished[i])) or 0
  count, load = count + 1, load + w
  if unfinished[i + 1] == principal then mine, mineLoad = mine + 1, mineLoad + w end
end
if mine >= maxPer or mineLoad + weight > maxWeight / 2 then return 'principal' end
if count + 1 > maxJobs or load + weight > maxWeight then return 'full' end
local total, totalLoad = redis.call('ZCARD', p .. 'all'), 0
for _, w in ipairs(redis.call('HVALS', p .. 'weights')) do totalLoad = totalLoad + tonumber(w) end
while total + 1 > maxJobs or totalLoad + weight > maxWeight do
  local oldest = redis.call('ZRANGE', p .. 'finished', 0, 0)
  if #oldest == 0 then break end
  totalLoad = totalLoad - (tonumber(redis.call('HGET', p .. 'weights', oldest[1])) or 0)
  total = total - 1
  drop(p, oldest[1])
end
local key = p .. 'job:' .. id
redis.call('HSET', key, 'meta', ARGV[9], 'input', ARGV[10], 'status', ARGV[11], 'updated', ARGV[12])
redis.call('PEXPIREAT', key, ARGV[13])
redis.call('ZADD', p .. 'all', ARGV[13], id)
redis.call('HSET', p .. 'unfinished', id, principal)
redis.call('HSET', p .. 'weights', id, weight)
return 'ok'
`;

/** Removes a job (its queue entry could not be added). ARGV: prefix, id. */
export const DROP_JOB = `${DROP}
drop(ARGV[1], ARGV[2])
return 1
`;

/** A job about to run: `notStarted` becomes `running`. Returns the status, or nil if the job is gone. ARGV: key, updated. */
export const START = `
local status = redis.call('HGET', ARGV[1], 'status')
if not status then return nil end
if status == 'notStarted' then
  redis.call('HSET', ARGV[1], 'status', 'running', 'updated', ARGV[2])
  return 'running'
end
return status
`;

/**
 * Stores a task's result once: the first attempt to commit it wins, and with the result (in the
 * same step) its usage goes to the committing replica's ledger list. A later attempt (a retry after
 * a replica died, a worker that lost its lock) stores and bills nothing. Returns 1 if stored, 0 if
 * the task was already committed, -1 if the job is gone.
 * ARGV: key, field, result, updated, usage list key, usage entry ('' for none).
 */
export const COMMIT_TASK = `
if redis.call('EXISTS', ARGV[1]) == 0 then return -1 end
if redis.call('HSETNX', ARGV[1], ARGV[2], ARGV[3]) == 0 then return 0 end
redis.call('HSET', ARGV[1], 'updated', ARGV[4])
if ARGV[6] ~= '' then redis.call('RPUSH', ARGV[5], ARGV[6]) end
return 1
`;

/**
 * Ends a job: tasks without a result are cancelled, the status is `cancelled` if a cancel came,
 * else the one given; the input is released and the job becomes evictable. Returns the status.
 * ARGV: prefix, id, now, updated, status, tasks, cancelled-task result.
 */
export const FINISH = `
local p, id = ARGV[1], ARGV[2]
local key = p .. 'job:' .. id
local status = redis.call('HGET', key, 'status')
if not status then return nil end
if status == 'succeeded' or status == 'failed' or status == 'cancelled' then return status end
for i = 0, tonumber(ARGV[6]) - 1 do redis.call('HSETNX', key, 't:' .. i, ARGV[7]) end
local final = ARGV[5]
if status == 'cancelling' then final = 'cancelled' end
redis.call('HSET', key, 'status', final, 'updated', ARGV[4])
redis.call('HDEL', key, 'input')
redis.call('HDEL', p .. 'unfinished', id)
redis.call('ZADD', p .. 'finished', ARGV[3], id)
return final
`;

/** Asks an unfinished job to stop. ARGV: key, updated. Returns the status after, or nil. */
export const CANCEL = `
local status = redis.call('HGET', ARGV[1], 'status')
if not status then return nil end
if status == 'notStarted' or status == 'running' then
  redis.call('HSET', ARGV[1], 'status', 'cancelling', 'updated', ARGV[2])
  return 'cancelling'
end
return status
`;
