import { describe, expect, it } from 'vitest';
import { cliAsync } from './helpers.js';

describe('stoffel-jit fuzz', () => {
  it('runs a batch, reports progress on stderr and exits 0 when the engines agree', async () => {
    const r = await cliAsync(['fuzz', '--count', '20', '--seed', '4242', '--max-size', '8']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^fuzz: 20\/20 programs, 0 divergence\(s\)/m);
    expect(r.stdout).toMatch(/^fuzz: 20 program\(s\) from seed 4242 \(max size 8\): 0 divergence\(s\)/);
  });

  it('rejects bad options with a usage error', async () => {
    const r = await cliAsync(['fuzz', '--count', '-1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/count must be a non-negative integer/);
  });
});
