/** String building by concatenation (bench/programs/strings.stfasm). */
export default function main(n: number): number {
  let total = 0;
  for (let r = 0; r < n; r++) {
    let row = '';
    for (let c = 0; c < 50; c++) row += String(r * 50 + c) + ',';
    total += row.length;
  }
  return total;
}
