import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Logger } from '../src/observability/logger.ts';
import { CloseStack } from '../src/server/close-stack.ts';

/** A logger that keeps its warnings (the only level the stack uses). */
function recordingLogger(): { logger: Logger; warnings: { what: string; msg: string }[] } {
  const warnings: { what: string; msg: string }[] = [];
  const logger = {
    warn: (fields: { what: string }, msg: string) => warnings.push({ what: fields.what, msg }),
  };
  return { logger: logger as unknown as Logger, warnings };
}

describe('CloseStack', () => {
  it('closes last-first, awaiting each close before the next', async () => {
    const stack = new CloseStack();
    const closed: string[] = [];
    const value = stack.add('ledger', { name: 'ledger' }, async (v) => {
      await new Promise((resolve) => setImmediate(resolve));
      closed.push(v.name);
    });
    assert.deepEqual(value, { name: 'ledger' });
    stack.add('pool', 'pool', (v) => closed.push(v));
    stack.defer('listener', () => closed.push('listener'));
    await stack.close();
    assert.deepEqual(closed, ['listener', 'pool', 'ledger']);
  });

  it('runs every close when one fails, and rejects with that error', async () => {
    const stack = new CloseStack();
    const closed: string[] = [];
    const boom = new Error('pool would not stop');
    stack.defer('metering', () => closed.push('metering'));
    stack.defer('pool', () => Promise.reject(boom));
    stack.defer('listener', () => closed.push('listener'));
    await assert.rejects(stack.close(), (err) => err === boom);
    assert.deepEqual(closed, ['listener', 'metering']);
  });

  it('rejects with an AggregateError naming each step when several fail', async () => {
    const stack = new CloseStack();
    stack.defer('metering', () => {
      throw new Error('a');
    });
    stack.defer('pool', () => Promise.reject(new Error('b')));
    await assert.rejects(stack.close(), (err: unknown) => {
      assert.ok(err instanceof AggregateError);
      assert.equal(err.message, 'could not close pool, metering');
      assert.deepEqual(
        err.errors.map((e: Error) => e.message),
        ['b', 'a'],
      );
      return true;
    });
  });

  it('closes once: a second close finds nothing left', async () => {
    const stack = new CloseStack();
    let closes = 0;
    stack.defer('pool', () => closes++);
    await stack.close();
    await stack.close();
    assert.equal(closes, 1);
  });

  it('after a failed start, logs each failed close as a warning and resolves', async () => {
    const stack = new CloseStack();
    const { logger, warnings } = recordingLogger();
    const closed: string[] = [];
    stack.defer('metering', () => closed.push('metering'));
    stack.defer('rate limits', () => Promise.reject(new Error('redis gone')));
    await stack.abandon(logger);
    assert.deepEqual(closed, ['metering']);
    assert.deepEqual(warnings, [{ what: 'rate limits', msg: 'could not close after a failed start' }]);
  });
});
