/** Object field updates in a loop (bench/programs/objects.stfasm). */
interface Particle {
  x: number;
  y: number;
  vx: number;
  vy: number;
  bounces: number;
}

export default function main(n: number): number {
  const ps: Particle[] = [];
  for (let k = 0; k < 8; k++) {
    ps.push({ x: (k * 97) % 1000, y: (k * 61) % 1000, vx: k + 1, vy: 5 - k * 2, bounces: 0 });
  }
  for (let step = 0; step < n; step++) {
    for (const p of ps) {
      p.x += p.vx;
      if (p.x < 0 || p.x > 1000) {
        p.vx = -p.vx;
        p.bounces++;
      }
      p.y += p.vy;
      if (p.y < 0 || p.y > 1000) {
        p.vy = -p.vy;
        p.bounces++;
      }
    }
  }
  let total = 0;
  for (const p of ps) total += p.x + p.y * 1000 + p.bounces * 1000000;
  return total;
}
