/** Tight integer loop (bench/programs/loop.stfasm). */
export default function main(n: number): number {
  let x = 1;
  let s = 0;
  for (let i = 0; i < n; i++) {
    x = (x * 75 + 74) % 65537;
    s += x ^ (i & 1023);
  }
  return s;
}
