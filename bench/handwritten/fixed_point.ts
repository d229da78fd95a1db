/** Newton fixed-point iteration for square roots on floats (bench/programs/fixed_point.stfasm). */
function sqrtNewton(a: number): number {
  let x = a;
  for (;;) {
    const y = 0.5 * (x + a / x);
    if (y >= x) return x;
    x = y;
  }
}

export default function main(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += sqrtNewton(1 + i);
  return s;
}
