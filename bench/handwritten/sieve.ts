/** Sieve of Eratosthenes (bench/programs/sieve.stfasm). */
export default function main(n: number): number {
  const sieve: boolean[] = new Array(n).fill(true);
  let count = 0;
  let total = 0;
  for (let i = 2; i < n; i++) {
    if (sieve[i]) {
      count++;
      total += i;
      for (let j = i * i; j < n; j += i) sieve[j] = false;
    }
  }
  return total * 31 + count;
}
