import type { TaggerWeights } from './weights.ts';

/**
 * Averages linear-only taggers trained with different seeds. Their emissions and CRF scores are
 * linear in the parameters, so the average model scores exactly the mean of the members' scores.
 */
export function averageLinear(members: readonly TaggerWeights[]): TaggerWeights {
  const first = members[0];
  if (!first) throw new Error('no models to average');
  if (members.some((m) => m.deep)) throw new Error('only linear-only taggers can be averaged');
  const mean = (pick: (w: TaggerWeights) => Float32Array): Float32Array => {
    const out = new Float32Array(pick(first).length);
    for (const m of members) {
      const a = pick(m);
      for (let k = 0; k < out.length; k++) out[k]! += a[k]! / members.length;
    }
    return out;
  };
  return {
    labels: first.labels,
    rows: first.rows,
    linear: mean((w) => w.linear),
    bias: mean((w) => w.bias),
    transitions: mean((w) => w.transitions),
    start: mean((w) => w.start),
    end: mean((w) => w.end),
  };
}
