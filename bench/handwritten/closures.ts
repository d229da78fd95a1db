/** Closure counter calls (bench/programs/closures.stfasm). */
function makeCounter(count: number): (by: number) => number {
  return (by) => (count += by);
}

export default function main(n: number): number {
  const a = makeCounter(0);
  const b = makeCounter(1000);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += a((i % 7) + 1);
    if (i % 3 === 0) total -= b(2);
  }
  return total;
}
