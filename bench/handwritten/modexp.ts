/** Modular exponentiation and gcd beyond 2^53 with BigInt (bench/programs/modexp.stfasm). */
function mulmod(a: bigint, b: bigint, m: bigint): bigint {
  let r = 0n;
  while (b > 0n) {
    if ((b & 1n) === 1n) {
      r += a;
      if (r >= m) r -= m;
    }
    a += a;
    if (a >= m) a -= m;
    b >>= 1n;
  }
  return r;
}

function powmod(base: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  base %= m;
  while (e > 0n) {
    if ((e & 1n) === 1n) r = mulmod(r, base, m);
    base = mulmod(base, base, m);
    e >>= 1n;
  }
  return r;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export default function main(n: number): bigint {
  const m = (1n << 61n) - 1n;
  const k = (1n << 62n) - 1n;
  let acc = 0n;
  for (let i = 0n; i < BigInt(n); i++) {
    const base = (i * 1000003n + 81985529216486895n) % m;
    const e = i * 7919n + 65537n;
    const r = powmod(base, e, m);
    acc = (acc + r + gcd(k - i, r)) % m;
  }
  return acc;
}
