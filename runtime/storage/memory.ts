/** An in-memory `LocalStore` (for tests, browsers and embedders without persistent storage). */
import type { LocalStore } from '../host.js';

export class MemoryLocalStore implements LocalStore {
  private readonly data = new Map<string, Uint8Array>();

  get(key: Uint8Array): Uint8Array | undefined {
    const v = this.data.get(keyText(key));
    return v === undefined ? undefined : v.slice();
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.data.set(keyText(key), value.slice());
  }

  delete(key: Uint8Array): boolean {
    return this.data.delete(keyText(key));
  }

  has(key: Uint8Array): boolean {
    return this.data.has(keyText(key));
  }

  /** Number of stored keys. */
  get size(): number {
    return this.data.size;
  }
}

/** Keys are arbitrary bytes; one char per byte keeps distinct keys distinct. */
function keyText(key: Uint8Array): string {
  let s = '';
  for (let i = 0; i < key.length; i++) s += String.fromCharCode(key[i]);
  return s;
}
