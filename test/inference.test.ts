import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Decoder } from '../src/model/decode.ts';
import { sentenceBreaks, sentenceStarts } from '../src/model/sentence-breaks.ts';
import type { RecognizedEntity } from '../src/entities/types.ts';
import { InferencePool } from '../src/inference/pool.ts';
import { assignOwners, planSentenceWindows, planWindows } from '../src/model/windows.ts';
import { TINY_LABELS, writeTinyHfModel } from './fixtures/tiny-hf-model.ts';
import type { PoolEventMap } from '../src/inference/events.ts';

const labels = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'];

function rows(...tags: string[]): Float32Array {
  const out = new Float32Array(tags.length * labels.length);
  tags.forEach((tag, t) => (out[t * labels.length + labels.indexOf(tag)] = 5));
  return out;
}

describe('Decoder', () => {
  const decoder = new Decoder({ labels, scheme: 'BIO' });

  it('decodes BIO spans with confidences', () => {
    const spans = decoder.decode(rows('B-PER', 'I-PER', 'O', 'B-LOC'), 4);
    assert.deepEqual(
      spans.map((s) => [s.startUnit, s.endUnit, s.type]),
      [
        [0, 2, 'PER'],
        [3, 4, 'LOC'],
      ],
    );
    for (const s of spans) assert.ok(s.confidence > 0.9 && s.confidence <= 1);
  });

  it('never starts an entity with I- (constrained Viterbi)', () => {
    const spans = decoder.decode(rows('O', 'I-LOC', 'I-LOC'), 3);
    for (const s of spans) assert.equal(s.type, 'LOC');
    assert.ok(spans.length <= 1);
  });

  it('uses CRF transitions and returns marginal probabilities', () => {
    const n = labels.length;
    const transitions = new Float32Array(n * n);
    // Strongly prefer PER continuing.
    transitions[labels.indexOf('B-PER') * n + labels.indexOf('I-PER')] = 10;
    const crf = new Decoder({
      labels,
      scheme: 'BIO',
      transitions,
      startScores: new Float32Array(n),
      endScores: new Float32Array(n),
    });
    const emissions = new Float32Array(2 * n);
    emissions[labels.indexOf('B-PER')] = 3;
    emissions[n + labels.indexOf('O')] = 1;
    const spans = crf.decode(emissions, 2);
    assert.deepEqual(
      spans.map((s) => [s.startUnit, s.endUnit, s.type]),
      [[0, 2, 'PER']],
    );
    assert.ok(spans[0]!.confidence > 0.5 && spans[0]!.confidence < 1);
  });

  it('continues no entity into a closed unit, and decodes the rest as well as it can', () => {
    // "Sedona . Hurricane Milton": the emissions say one person; units 1 and 2 close it.
    const emissions = rows('B-PER', 'I-PER', 'I-PER', 'I-PER');
    emissions[2 * labels.length + labels.indexOf('B-PER')] = 4;
    const spans = decoder.decode(emissions, 4, [1, 2]);
    assert.deepEqual(
      spans.map((s) => [s.startUnit, s.endUnit, s.type]),
      [
        [0, 1, 'PER'],
        [2, 4, 'PER'],
      ],
    );
    assert.equal(decoder.decode(emissions, 4).length, 1);
  });
});

describe('sentence breaks', () => {
  /** Units of a text split at spaces and before a trailing end mark. */
  const unitsOf = (text: string) =>
    [...text.matchAll(/[^\s.!?]+|[.!?]/g)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      cost: 1,
    }));
  const words = (text: string, closed: number[]) => {
    const units = unitsOf(text);
    return closed.map((k) => text.slice(units[k]!.start, units[k]!.end));
  };
  it('closes an end mark and the capitalised word after it', () => {
    const text = 'drove to Sedona . Hurricane Milton hit ! Wow';
    assert.deepEqual(words(text, sentenceBreaks(text, unitsOf(text))), ['.', 'Hurricane', '!', 'Wow']);
  });
  it('leaves a lower-case word, no space, and a short capitalised word before a period alone', () => {
    for (const text of ['Smith Co . said so', 'see x.Y here', 'Dr . Cox spoke', 'the U . S team']) {
      assert.deepEqual(sentenceBreaks(text, unitsOf(text)), [], text);
    }
  });
  it("closes every line's first word; a sentence starts there after a short line or a blank line", () => {
    const wrapped =
      'Please ask the team at Contoso about this before the end of the week, and Sarah\nMiller will';
    const text = `Modern Olympic Games\nAthens hosted them .\n${wrapped}\n\nTokyo next`;
    const units = unitsOf(text);
    const closed = sentenceBreaks(text, units, true);
    // Without `lines` (a Custom NER model) a name may run over a line break.
    assert.deepEqual(words(text, sentenceBreaks(text, units)), ['.', 'Please']);
    assert.deepEqual(words(text, closed), ['Athens', '.', 'Please', 'Miller', 'Tokyo']);
    // The wrapped line's next line goes on with its sentence: no window starts at "Miller".
    assert.deepEqual(words(text, sentenceStarts(text, units, closed)), ['Athens', 'Please', 'Tokyo']);
    const windows = planSentenceWindows(text, units, closed, 128, 8).map((w) =>
      text.slice(units[w.start]!.start, units[w.end - 1]!.end),
    );
    assert.deepEqual(windows, ['Modern Olympic Games', 'Athens hosted them .', wrapped, 'Tokyo next']);
  });
});

describe('windows', () => {
  it('covers every unit, respects the budget and overlaps', () => {
    const units = Array.from({ length: 50 }, (_, i) => ({ start: i * 2, end: i * 2 + 1, cost: 1 + (i % 3) }));
    const windows = planWindows(units, 10, 2);
    assert.equal(windows[0]!.start, 0);
    assert.equal(windows.at(-1)!.end, 50);
    for (const w of windows) {
      const cost = units.slice(w.start, w.end).reduce((n, u) => n + u.cost, 0);
      assert.ok(cost <= 10);
    }
    for (let i = 1; i < windows.length; i++)
      assert.ok(windows[i]!.start < windows[i - 1]!.end, 'windows overlap');
    const owner = assignOwners(windows, 50);
    for (let k = 0; k < 50; k++) {
      const w = windows[owner[k]!]!;
      assert.ok(k >= w.start && k < w.end);
    }
  });

  it('gives an oversize unit a window of its own', () => {
    const windows = planWindows(
      [
        { start: 0, end: 1, cost: 50 },
        { start: 2, end: 3, cost: 1 },
      ],
      10,
      2,
    );
    assert.deepEqual(windows, [
      { start: 0, end: 1 },
      { start: 1, end: 2 },
    ]);
  });
});

describe('InferencePool with a real ONNX model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-pool-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const small = writeTinyHfModel(join(dir, 'small'), { maxSequenceLength: 8 });
  const large = writeTinyHfModel(join(dir, 'large'), { maxSequenceLength: 512 });

  it('finds the same entities with small windows as with one big window (no loss, no duplicates at edges)', async () => {
    const pool = await InferencePool.start({ models: { small, large }, workers: 1 });
    try {
      const sentence = 'the John Smith met Marie Curie in Paris and Contoso Ltd at Seattle . ';
      const text = sentence.repeat(40);
      const [a] = await pool.analyze('small', [text]);
      const [b] = await pool.analyze('large', [text]);
      assert.equal(a!.length, 40 * 5);
      assert.deepEqual(a, b);
      const starts = a!.map((e) => e.start);
      assert.equal(new Set(starts).size, starts.length);
      for (const e of a!)
        assert.ok(
          ['John Smith', 'Marie Curie', 'Paris', 'Contoso Ltd', 'Seattle'].includes(
            text.slice(e.start, e.end),
          ),
        );
    } finally {
      await pool.close();
    }
  });

  it('merges concurrent requests into micro-batches', async () => {
    const sizes: number[] = [];
    const pool = await InferencePool.start({ models: { large }, workers: 1 });
    pool.on('batchEnd', (b) => b.outcome !== 'lost' && sizes.push(b.documents));
    try {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => pool.analyze('large', [`John Smith ${i}`, 'Paris'])),
      );
      assert.equal(results.length, 40);
      for (const r of results) assert.equal(r[1]![0]!.category, 'Location');
      assert.ok(Math.max(...sizes) > 2, `some batch merged requests (sizes ${sizes.join(',')})`);
      assert.equal(
        sizes.reduce((a, b) => a + b, 0),
        80,
      );
    } finally {
      await pool.close();
    }
  });

  it('refuses work beyond the queue bound instead of buffering it', async () => {
    const pool = await InferencePool.start({
      models: { large },
      workers: 1,
      maxQueuedDocuments: 10,
      maxBatchDocuments: 2,
      retryAfterSeconds: 3,
    });
    try {
      const attempts = Array.from({ length: 30 }, () =>
        pool.analyze('large', ['Paris '.repeat(200)]).then(
          () => 'ok',
          (e: Error) => e,
        ),
      );
      const outcomes = await Promise.all(attempts);
      const refused = outcomes.filter((o) => o !== 'ok') as (Error & { retryAfterSeconds?: number })[];
      assert.ok(refused.length >= 15, `refused ${refused.length}`);
      assert.equal(refused[0]!.name, 'PoolOverloadedError');
      assert.equal(refused[0]!.retryAfterSeconds, 3);
      assert.ok(outcomes.filter((o) => o === 'ok').length >= 10);
    } finally {
      await pool.close();
    }
  });

  it('replaces a crashed worker and retries its batch once', async () => {
    let exits = 0;
    const pool = await InferencePool.start({ models: { large }, workers: 1 });
    pool.on('workerExit', () => exits++);
    try {
      const inflight = pool.analyze(
        'large',
        Array.from({ length: 20 }, () => 'John Smith lives in Paris . '.repeat(100)),
      );
      await pool.killWorker(0);
      const result = await inflight;
      assert.equal(result.length, 20);
      assert.equal(exits, 1);
      const after = await pool.analyze('large', ['Marie Curie']);
      assert.equal(after[0]![0]!.category, 'Person');
    } finally {
      await pool.close();
    }
  });

  it('fails a request cleanly when it crashes the worker twice, and keeps serving others', async () => {
    const pool = await InferencePool.start({ models: { large }, workers: 1, crashOnText: 'poison' });
    try {
      await assert.rejects(pool.analyze('large', ['poison']), { name: 'InferenceFailedError' });
      const ok = await pool.analyze('large', ['Paris']);
      assert.equal(ok[0]![0]!.category, 'Location');
    } finally {
      await pool.close();
    }
  });

  it('hands a worker its next batch while it runs one; a crash retries both, the next batch alone', async () => {
    let exits = 0;
    const pool = await InferencePool.start({
      models: { large },
      workers: 1,
      maxBatchDocuments: 1,
      crashOnText: 'poison',
    });
    const started = new Map<number, number>();
    const overlapped: number[] = [];
    const behind = new Set<number>();
    const ends = new Map<number, PoolEventMap['batchEnd']>();
    const lost: number[] = [];
    pool.on('batchStart', (b) => started.set(b.id, b.startedAt));
    pool.on('batchEnd', (b) => {
      ends.set(b.id, b);
      if (b.outcome === 'lost') lost.push(b.id);
      // Another batch was handed over while this one ran: it waits behind it in the worker's port.
      const next = [...started].filter(([id, at]) => id > b.id && at < b.endedAt);
      if (next.length > 0) overlapped.push(b.id);
      for (const [id] of next) behind.add(id);
    });
    pool.on('workerExit', () => exits++);
    try {
      const texts = Array.from({ length: 6 }, (_, i) => `John Smith ${i} lives in Paris . `.repeat(50));
      const found = await Promise.all(texts.map((t) => pool.analyze('large', [t])));
      assert.equal(found.length, 6);
      assert.ok(overlapped.length > 0, 'a batch was sent behind a running one');
      // Its time is the worker's: from when the worker began it, not from when it was handed over.
      for (const b of ends.values()) {
        assert.ok(b.startedAt <= b.runStartedAt && b.runStartedAt <= b.endedAt, `batch ${b.id}'s times`);
        assert.equal(b.seconds, (b.endedAt - b.runStartedAt) / 1000);
      }
      for (const id of behind) {
        const b = ends.get(id)!;
        assert.ok(b.runStartedAt > b.startedAt, `batch ${id} waited in the worker's port`);
      }

      // The poisoned batch runs, the innocent one waits behind it; both are lost with the worker.
      // Retried, the poisoned one runs alone and fails; the innocent one is answered.
      const [poisoned, innocent] = await Promise.allSettled([
        pool.analyze('large', ['poison']),
        pool.analyze('large', ['Marie Curie']),
      ]);
      assert.equal(poisoned.status, 'rejected');
      assert.equal((poisoned as PromiseRejectedResult).reason.name, 'InferenceFailedError');
      assert.equal(innocent.status, 'fulfilled');
      assert.equal(
        (innocent as PromiseFulfilledResult<RecognizedEntity[][]>).value[0]![0]!.category,
        'Person',
      );
      assert.equal(exits, 2);
      assert.equal(lost.length, 3, `lost batches ${lost.join(',')}: both, then the poisoned one alone`);
    } finally {
      await pool.close();
    }
  });

  it('drains in-flight work on close and refuses new work', async () => {
    const pool = await InferencePool.start({ models: { large }, workers: 1 });
    const inflight = Array.from({ length: 10 }, () => pool.analyze('large', ['John Smith '.repeat(300)]));
    const closing = pool.close();
    await assert.rejects(pool.analyze('large', ['x']), { name: 'PoolClosedError' });
    const results = await Promise.all(inflight);
    assert.equal(results.length, 10);
    await closing;
  });

  // Without the timeout a request left hanging would stall the suite instead of failing it.
  it(
    'fails work still unfinished when the close grace is over, in flight and queued alike',
    { timeout: 60_000 },
    async () => {
      const pool = await InferencePool.start({ models: { large }, workers: 1, maxBatchDocuments: 4 });
      const long = Array.from({ length: 4 }, () => 'John Smith lives in Paris . '.repeat(400));
      const work = Array.from({ length: 3 }, () =>
        pool.analyze('large', long).then(
          () => 'done',
          (e: Error) => e.name,
        ),
      );
      await pool.close(0);
      // One batch was in the worker when the grace ran out, the others were queued: none is left hanging.
      assert.deepEqual(await Promise.all(work), ['PoolClosedError', 'PoolClosedError', 'PoolClosedError']);
    },
  );

  it(
    "close() without a grace takes the pool's closeGraceMs (the server passes shutdownGraceMs)",
    { timeout: 60_000 },
    async () => {
      const pool = await InferencePool.start({
        models: { large },
        workers: 1,
        maxBatchDocuments: 4,
        closeGraceMs: 0,
      });
      const long = Array.from({ length: 4 }, () => 'John Smith lives in Paris . '.repeat(400));
      const work = Array.from({ length: 3 }, () =>
        pool.analyze('large', long).then(
          () => 'done',
          (e: Error) => e.name,
        ),
      );
      await pool.close();
      assert.deepEqual(await Promise.all(work), ['PoolClosedError', 'PoolClosedError', 'PoolClosedError']);
    },
  );

  it('settles requests whose admission waits on a flush, also when they fail still queued', async () => {
    // Like metering: an admission settles only when flushed (a batch starts, or a request waits on it).
    const outgoing: (() => void)[] = [];
    const flush = (): void => {
      for (const resolve of outgoing.splice(0)) resolve();
    };
    let abandoned = 0;
    const pool = await InferencePool.start({
      models: { large },
      workers: 1,
      reservations: {
        reserve: () => new Promise<void>((resolve) => outgoing.push(resolve)),
        flush,
        commit: () => {},
        release: () => void abandoned++,
      },
    });
    const busy = pool.analyze('large', ['John Smith '.repeat(300)]).then(
      () => 'done',
      (err: Error) => err.name,
    );
    // Admitted while the only worker is busy: queued, their usage not yet flushed.
    const queued = Array.from({ length: 5 }, () =>
      pool.analyze('large', ['Paris']).then(
        () => 'ok',
        (err: Error) => err.name,
      ),
    );
    await pool.close(0);
    const outcomes = await Promise.race([
      Promise.all(queued),
      sleep(10_000).then(() => assert.fail('a queued request never settled')),
    ]);
    // The batch in the worker when the grace ran out fails too (unless it was done by then).
    const inWorker = await busy;
    assert.deepEqual(outcomes, Array(5).fill('PoolClosedError'));
    assert.equal(abandoned, inWorker === 'done' ? 5 : 6, 'each failed request withdrew its usage');
  });

  it('reloads models without a restart and keeps the old ones on failure', async () => {
    const pool = await InferencePool.start({ models: { large }, workers: 1 });
    try {
      const v2 = writeTinyHfModel(join(dir, 'v2'), { version: 'v2' });
      const models = await pool.reload({ large, v2 });
      assert.deepEqual(models.map((m) => m.id).sort(), ['large', 'v2']);
      assert.equal(models.find((m) => m.id === 'v2')!.version, 'v2');
      await assert.rejects(pool.reload({ broken: join(dir, 'nope') }));
      assert.deepEqual(pool.models.map((m) => m.id).sort(), ['large', 'v2']);
      assert.equal((await pool.analyze('v2', ['Paris']))[0]![0]!.category, 'Location');
    } finally {
      await pool.close();
    }
  });

  it('loads a bare Hugging Face export without a manifest, its label names as categories', async () => {
    const bare = writeTinyHfModel(join(dir, 'bare'), { manifest: false });
    const pool = await InferencePool.start({ models: { bare }, workers: 1 });
    try {
      assert.equal(pool.models[0]!.name, 'bare');
      const [ents] = await pool.analyze('bare', ['Microsoft hired John Smith']);
      assert.deepEqual(
        ents!.map((e) => e.category),
        ['ORG', 'PER'],
      );
      assert.equal(TINY_LABELS.length, 7);
    } finally {
      await pool.close();
    }
  });
});
