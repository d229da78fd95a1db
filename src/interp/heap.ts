import type { Heap } from '../../runtime/host.js';

/** Table ids: one counter shared by objects and arrays, starting at 1, never reused (semantics.md §11). */
export class TableHeap implements Heap {
  private next = 1;
  nextId(): number {
    return this.next++;
  }
}
