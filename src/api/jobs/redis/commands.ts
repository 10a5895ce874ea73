import type { Redis } from 'ioredis';
import { ADMIT, CANCEL, COMMIT_TASK, DROP_JOB, FINISH, START } from './scripts.ts';

const SCRIPTS = {
  admit: ADMIT,
  dropJob: DROP_JOB,
  start: START,
  commitTask: COMMIT_TASK,
  finish: FINISH,
  cancel: CANCEL,
} as const;

export type ScriptName = keyof typeof SCRIPTS;

type ScriptCall = (...args: (string | number)[]) => Promise<unknown>;

/**
 * The job scripts on one connection (EVALSHA, loaded on first use). Each takes only ARGV
 * (scripts.ts documents them).
 */
export class JobCommands {
  constructor(private readonly redis: Redis) {
    for (const [name, lua] of Object.entries(SCRIPTS)) {
      redis.defineCommand(`nergwJobs_${name}`, { numberOfKeys: 0, lua });
    }
  }

  run(name: ScriptName, ...args: (string | number)[]): Promise<unknown> {
    const call = (this.redis as unknown as Record<string, ScriptCall>)[`nergwJobs_${name}`]!;
    return call.apply(this.redis, args);
  }
}
