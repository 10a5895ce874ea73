import assert from 'node:assert/strict';

/**
 * Runs `work` and fails when it used more than `budgetMs` of CPU time. CPU time, not wall time: on
 * a shared, busy machine (CI under load) wall time says more about the neighbours than about the
 * code, while the blow-up these guards catch (super-linear work on pathological input) costs CPU
 * either way. Budgets are generous; they bound the order of growth, not the speed (that is
 * `npm run bench`).
 */
export function withinCpuBudget<T>(budgetMs: number, work: () => T, label = ''): T {
  const before = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000;
  assert.ok(ms < budgetMs, `${label ? `${label}: ` : ''}${ms.toFixed(0)} ms of CPU (budget ${budgetMs} ms)`);
  return result;
}
