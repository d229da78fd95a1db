/**
 * How `Rbc.*` reaches the other parties (builtins-mpc §6, the reference's plain best-effort broadcast).
 * Session ids are a per-sender counter from 0; `receive` returns the lowest-session message from a party
 * not yet delivered to this receiver (its own broadcasts included); `receive_any` the smallest
 * (session, party) pair among undelivered messages from the other parties.
 *
 * Transports throw `BuiltinError` with the reference's timeout texts (`rbcTimeout`, `rbcAnyTimeout`).
 */
import { BuiltinError } from '../errors.js';

export interface RbcTransport {
  /** Sends `message` to every party; returns its session id. */
  broadcast(message: string): number;
  /** The next undelivered message from `from`, waiting up to `timeoutMs`. */
  receive(from: number, timeoutMs: number): string;
  /** The next undelivered message from any other party, waiting up to `timeoutMs`. */
  receiveAny(timeoutMs: number): { readonly party: number; readonly message: string };
}

export const rbcTimeout = (from: number): string => `RBC receive timeout waiting for message from party ${from}`;
export const RBC_ANY_TIMEOUT = 'RBC receive_any timeout waiting for message from any party';

/**
 * The single-process simulator's broadcast: a broadcast by the viewing party stands for the same
 * broadcast by every party (architecture B's premise: parties run the same program), so messages "from"
 * other parties are the viewing party's messages with the same session ids. Nothing ever arrives later,
 * so a receive with nothing pending times out at once.
 */
export class SingleViewRbc implements RbcTransport {
  /** Messages broadcast so far, in session order (the same list for every sender). */
  private readonly sessions: string[] = [];
  /** Per sender: how many of its sessions were already delivered to this receiver. */
  private readonly delivered: number[];

  constructor(
    private readonly nParties: number,
    private readonly view: number,
  ) {
    this.delivered = new Array<number>(nParties).fill(0);
  }

  broadcast(message: string): number {
    this.sessions.push(message);
    return this.sessions.length - 1;
  }

  receive(from: number): string {
    if (from >= this.nParties || this.delivered[from]! >= this.sessions.length) throw new BuiltinError(rbcTimeout(from));
    return this.sessions[this.delivered[from]!++]!;
  }

  receiveAny(): { party: number; message: string } {
    let best = -1;
    for (let party = 0; party < this.nParties; party++) {
      if (party === this.view || this.delivered[party]! >= this.sessions.length) continue;
      if (best < 0 || this.delivered[party]! < this.delivered[best]!) best = party;
    }
    if (best < 0) throw new BuiltinError(RBC_ANY_TIMEOUT);
    return { party: best, message: this.sessions[this.delivered[best]!++]! };
  }
}
