/**
 * The hook registry (hooks.md §1, §5): (filter, callback, priority, enabled, id). Hooks run in descending
 * priority, ties in registration order; a failing callback aborts the run with
 * `Hook <id> callback failed: <message>`, and the hooks after it do not see that event.
 */
import { VmError } from '../errors.js';
import type { HookEvent } from '../hooks.js';
import type { HookContext } from './context.js';

/** Decides whether the callback sees an event. */
export type HookFilter = (event: HookEvent) => boolean;

/** Returning a string (or throwing) fails the hook with that message. */
export type HookCallback = (event: HookEvent, context: HookContext) => void | string;

interface Hook {
  readonly id: number;
  readonly filter: HookFilter;
  readonly callback: HookCallback;
  readonly priority: number;
  enabled: boolean;
}

export class HookRegistry {
  private hooks: Hook[] = [];
  private nextId = 1;
  /** Enabled hooks in dispatch order; rebuilt lazily after any change. */
  private active: Hook[] | null = null;

  /** Registers an enabled hook and returns its id (ids count from 1). */
  add(filter: HookFilter, callback: HookCallback, priority = 0): number {
    if (!Number.isInteger(priority)) throw new RangeError(`hook priority must be an integer, got ${priority}`);
    const id = this.nextId++;
    this.hooks.push({ id, filter, callback, priority, enabled: true });
    this.active = null;
    return id;
  }

  /** Registers a hook for every event of the given types. */
  on(types: HookEvent['type'] | readonly HookEvent['type'][], callback: HookCallback, priority = 0): number {
    const wanted = new Set(typeof types === 'string' ? [types] : types);
    return this.add((e) => wanted.has(e.type), callback, priority);
  }

  enable(id: number): boolean {
    return this.setEnabled(id, true);
  }

  disable(id: number): boolean {
    return this.setEnabled(id, false);
  }

  remove(id: number): boolean {
    const i = this.hooks.findIndex((h) => h.id === id);
    if (i < 0) return false;
    // Also skipped if removed by a callback while an event is being dispatched.
    this.hooks[i]!.enabled = false;
    this.hooks.splice(i, 1);
    this.active = null;
    return true;
  }

  /** True when at least one hook is enabled (an engine then selects its instrumented path). */
  hasEnabled(): boolean {
    return this.dispatchOrder().length > 0;
  }

  /** Runs the matching enabled hooks for one event. */
  dispatch(event: HookEvent, context: HookContext): void {
    for (const hook of this.dispatchOrder()) {
      // A callback may disable or remove a later hook while this event is being dispatched.
      if (!hook.enabled) continue;
      let failure: string | undefined;
      try {
        if (!hook.filter(event)) continue;
        const r = hook.callback(event, context);
        if (typeof r === 'string') failure = r;
      } catch (err) {
        failure = err instanceof Error ? err.message : String(err);
      }
      if (failure !== undefined) throw new VmError(`Hook ${hook.id} callback failed: ${failure}`, 'Hook');
    }
  }

  private setEnabled(id: number, enabled: boolean): boolean {
    const hook = this.hooks.find((h) => h.id === id);
    if (!hook) return false;
    hook.enabled = enabled;
    this.active = null;
    return true;
  }

  private dispatchOrder(): Hook[] {
    if (this.active === null) {
      // Array.prototype.sort is stable, so equal priorities keep registration order.
      this.active = this.hooks.filter((h) => h.enabled).sort((a, b) => b.priority - a.priority);
    }
    return this.active;
  }
}
