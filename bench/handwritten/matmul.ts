/** Matrix multiply on nested arrays (bench/programs/matmul.stfasm). */
function makeMatrix(n: number, seed: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) row.push(((i * seed + j * 7 + 3) % 17) - 8);
    rows.push(row);
  }
  return rows;
}

export default function main(n: number): number {
  const a = makeMatrix(n, 3);
  const b = makeMatrix(n, 5);
  const c: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i]![k]! * b[k]![j]!;
      row.push(s);
    }
    c.push(row);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) total += c[i]![j]! * (((i * n + j) % 11) + 1);
  }
  return total;
}
