/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`) as self time per function, heaviest first:
 *
 *   node --cpu-prof --cpu-prof-dir=prof dist/bench/run.js --engines compiled closures
 *   node dist/bench/tools/profile-summary.js prof/*.cpuprofile [TOP]      (default: top 25 per file)
 *
 * Generated modules appear under their temporary file name (m0.mjs, …) with the line of the function.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: CallFrame }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function selfTimes(profile: CpuProfile): { name: string; ms: number; share: number }[] {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const f = frames.get(id);
    if (!f) return;
    const where = f.url ? ` ${f.url.replace(/^.*\/(dist|node_modules)\//, '$1/').replace(/^.*\/(m\d+\.mjs)$/, '$1')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'}${where}`;
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => ({ name, ms: us / 1000, share: total ? us / total : 0 }));
}

const args = process.argv.slice(2);
const top = args.length > 1 && /^\d+$/.test(args[args.length - 1]!) ? Number(args.pop()) : 25;
if (args.length === 0) {
  process.stderr.write('usage: node dist/bench/tools/profile-summary.js FILE.cpuprofile ... [TOP]\n');
  process.exitCode = 2;
}
for (const file of args) {
  if (args.length > 1) process.stdout.write(`${file}\n`);
  const rows = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile).slice(0, top);
  for (const r of rows) process.stdout.write(`${r.ms.toFixed(1).padStart(9)} ms ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}\n`);
}
