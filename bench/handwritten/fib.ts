/** Recursive Fibonacci (bench/programs/fib.stfasm). */
function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export default function main(n: number): number {
  return fib(n);
}
