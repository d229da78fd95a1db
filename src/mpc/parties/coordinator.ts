/**
 * The coordinator of a parties-mode run (architecture A, docs/mpc.md), on the calling thread: it serves
 * the parties' channels synchronously, blocking on the shared doorbell between requests.
 *
 * - **Rendezvous.** Every interactive operation except `Rbc.*` is a rendezvous of all n parties: each
 *   party's k-th request must carry the same operation name and count as everyone else's k-th. When all
 *   n are in, the coordinator plays the protocol round — robust reconstruction of the contributed shares,
 *   the seeded dealer's preprocessing (drawn in the single-process simulator's order, so the same seed
 *   gives the same results in both modes) — and answers each party with its part.
 * - **Rbc** requests are served on their own: a broadcast at once, a `receive` as soon as a message
 *   from that party is there, `receive_any` once every party is blocked (so its choice does not depend
 *   on thread timing), all with `timeout_ms` on the coordinator's clock.
 * - **Decisions** that depend on what every party does are taken once all parties are blocked or
 *   finished ("quiescent"), so they do not depend on timing either: a failed party fails the run (the
 *   lowest-numbered failure is reported), parties waiting at different operations — or at an operation
 *   while another finished — have diverged, and waits nothing can end (a receive while everyone else is
 *   blocked) time out at once instead of after their deadline.
 */
import type { MessagePort } from 'node:worker_threads';
import { receiveMessageOnPort } from 'node:worker_threads';
import { BuiltinError } from '../../../runtime/errors.js';
import type { ClientOutput, ClientOutputValue } from '../../../runtime/mpc/engine.js';
import { decodeField } from '../../../runtime/mpc/codec.js';
import { RBC_ANY_TIMEOUT, rbcTimeout } from '../../../runtime/mpc/broadcast.js';
import type { Dealer } from '../../../runtime/mpc/dealer.js';
import { CoordinatorChannel, Doorbell, type WireMessage } from '../../../runtime/mpc/party-channel.js';
import type { CorruptionPolicy, ShamirScheme } from '../../../runtime/mpc/shamir.js';
import { encodeShare } from '../../../runtime/mpc/sim-shares.js';
import type { ShareType } from '../../../runtime/values.js';
import type { PartyReport } from './protocol-messages.js';

type Done = Extract<PartyReport, { kind: 'done' }>;
type Failed = Extract<PartyReport, { kind: 'failed' }>;

/** Where a party is, as far as the coordinator knows. */
type PartyState =
  | { readonly kind: 'running' }
  | { readonly kind: 'rendezvous'; readonly message: WireMessage }
  | { readonly kind: 'receive'; readonly from: number; readonly deadline: number }
  | { readonly kind: 'receive_any'; readonly deadline: number }
  /** Its channel is closed; `report` arrives on its port (normally already there). */
  | { readonly kind: 'ended'; readonly report: Done | Failed | null };

export type CoordinatorOutcome =
  | { readonly kind: 'done'; readonly reports: readonly Done[]; readonly clientOutputs: readonly ClientOutput[] }
  /** A party failed: its error. */
  | { readonly kind: 'failed'; readonly party: number; readonly report: Failed }
  /** The run itself failed (divergence, timeout). */
  | { readonly kind: 'error'; readonly message: string };

export interface CoordinatorSetup {
  readonly scheme: ShamirScheme;
  readonly dealer: Dealer;
  readonly policy: CorruptionPolicy;
  readonly channels: readonly CoordinatorChannel[];
  readonly ports: readonly MessagePort[];
  readonly doorbell: Doorbell;
  /** Receives party 0's printed lines as they arrive. */
  readonly print: (line: string) => void;
  /** Wall-clock limit of the run. */
  readonly timeoutMs: number;
}

/** How long to block at most before looking at the ports (party 0's prints) again. */
const PRINT_POLL_MS = 100;

export class Coordinator {
  private readonly n: number;
  private readonly states: PartyState[];
  /** Position in the parties' common sequence of rendezvous operations. */
  private step = 0;
  /** Rbc: per sender, its broadcasts in session order; per receiver and sender, how many were delivered. */
  private readonly sessions: string[][];
  private readonly delivered: number[][];
  private clientOutputs: readonly ClientOutput[] = [];
  private outcome: CoordinatorOutcome | null = null;
  /** When to look at the ports again for prints (they are read at once when a party ends). */
  private nextDrain = 0;

  constructor(private readonly setup: CoordinatorSetup) {
    this.n = setup.channels.length;
    this.states = Array.from({ length: this.n }, () => ({ kind: 'running' }));
    this.sessions = Array.from({ length: this.n }, () => []);
    this.delivered = Array.from({ length: this.n }, () => new Array<number>(this.n).fill(0));
  }

  run(): CoordinatorOutcome {
    const deadline = Date.now() + this.setup.timeoutMs;
    for (;;) {
      const seen = this.setup.doorbell.value();
      if (Date.now() >= this.nextDrain) this.drainPorts();
      this.pollChannels();
      this.expireReceives();
      this.decide();
      this.wakeAnswered();
      if (this.outcome) {
        this.drainPorts(); // lines party 0 printed before it blocked
        return this.outcome;
      }
      const now = Date.now();
      if (now >= deadline) {
        return { kind: 'error', message: `MPC parties run timed out after ${this.setup.timeoutMs / 1000} s` };
      }
      this.setup.doorbell.wait(seen, Math.min(PRINT_POLL_MS, deadline - now, this.nextReceiveDeadline() - now));
    }
  }

  // ---- reading the parties ----------------------------------------------------------------------

  /** Reads the ports: party 0's prints, final reports. */
  private drainPorts(): void {
    this.nextDrain = Date.now() + PRINT_POLL_MS;
    this.setup.ports.forEach((port, party) => {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const report = m.message as PartyReport;
        if (report.kind === 'print') this.setup.print(report.line);
        else this.states[party] = { kind: 'ended', report };
      }
    });
  }

  private pollChannels(): void {
    this.setup.channels.forEach((channel, party) => {
      const event = channel.poll();
      if (event.kind === 'request') this.accept(party, event.message);
      else if (event.kind === 'ended' && this.states[party]!.kind !== 'ended') {
        // The final report was posted before the channel closed; it is read with the next drain.
        this.states[party] = { kind: 'ended', report: null };
        this.drainPorts();
      }
    });
  }

  private accept(party: number, message: WireMessage): void {
    switch (message.op) {
      case 'rbc_broadcast':
        this.sessions[party]!.push(message.text);
        this.setup.channels[party]!.reply('ok', [BigInt(this.sessions[party]!.length - 1)]);
        return;
      case 'rbc_receive': {
        const from = Number(message.nums[0]);
        this.states[party] = { kind: 'receive', from, deadline: Date.now() + Number(message.nums[1]) };
        if (from >= this.n) this.fail(party, rbcTimeout(from));
        else this.tryReceive(party);
        return;
      }
      case 'rbc_receive_any':
        this.states[party] = { kind: 'receive_any', deadline: Date.now() + Number(message.nums[0]) };
        return;
      default:
        this.states[party] = { kind: 'rendezvous', message };
    }
  }

  // ---- Rbc ----------------------------------------------------------------------------------------

  private tryReceive(party: number): boolean {
    const state = this.states[party]!;
    if (state.kind !== 'receive') return false;
    const k = this.delivered[party]![state.from]!;
    const message = this.sessions[state.from]![k];
    if (message === undefined) return false;
    this.delivered[party]![state.from] = k + 1;
    this.answer(party, 'ok', [], message);
    return true;
  }

  /** The smallest (session, sender) among undelivered messages from the other parties. */
  private tryReceiveAny(party: number): boolean {
    if (this.states[party]!.kind !== 'receive_any') return false;
    let best: { session: number; from: number } | null = null;
    for (let from = 0; from < this.n; from++) {
      const session = this.delivered[party]![from]!;
      if (from === party || session >= this.sessions[from]!.length) continue;
      if (best === null || session < best.session) best = { session, from };
    }
    if (best === null) return false;
    this.delivered[party]![best.from] = best.session + 1;
    this.answer(party, 'ok', [BigInt(best.from)], this.sessions[best.from]![best.session]!);
    return true;
  }

  private expireReceives(): void {
    const now = Date.now();
    this.states.forEach((state, party) => {
      if (state.kind === 'receive' && !this.tryReceive(party) && state.deadline <= now) this.timeOut(party);
      else if (state.kind === 'receive_any' && state.deadline <= now && !this.tryReceiveAny(party)) this.timeOut(party);
    });
  }

  private nextReceiveDeadline(): number {
    let next = Infinity;
    for (const s of this.states) if (s.kind === 'receive' || s.kind === 'receive_any') next = Math.min(next, s.deadline);
    return next;
  }

  private timeOut(party: number): void {
    const state = this.states[party]!;
    this.fail(party, state.kind === 'receive' ? rbcTimeout(state.from) : RBC_ANY_TIMEOUT);
  }

  // ---- decisions ----------------------------------------------------------------------------------

  private decide(): void {
    const states = this.states;
    if (states.every((s) => s.kind === 'rendezvous')) {
      this.rendezvous();
      return;
    }
    if (states.some((s) => s.kind === 'running')) return;
    if (states.some((s) => s.kind === 'ended' && s.report === null)) return; // its report is on the way
    // Quiescent: nothing will change unless the coordinator acts.
    for (let party = 0; party < this.n; party++) if (this.tryReceiveAny(party)) return;
    const failed = states.findIndex((s) => s.kind === 'ended' && s.report?.kind === 'failed');
    if (failed >= 0) {
      const report = (states[failed] as { report: Failed }).report;
      this.outcome = { kind: 'failed', party: failed, report };
      return;
    }
    if (states.every((s) => s.kind === 'ended')) {
      const reports = states.map((s) => (s as { report: Done }).report);
      this.outcome = { kind: 'done', reports, clientOutputs: this.clientOutputs };
      return;
    }
    const waiting = states.flatMap((s, party) => (s.kind === 'receive' || s.kind === 'receive_any' ? [party] : []));
    if (waiting.length > 0) {
      // Every party is blocked: no message can arrive any more, so these receives can only time out.
      for (const party of waiting) this.timeOut(party);
      return;
    }
    this.outcome = { kind: 'error', message: this.divergence() };
  }

  /** Parties at a rendezvous that cannot complete: some at different operations, or some finished. */
  private divergence(): string {
    const describe = (s: PartyState): string =>
      s.kind === 'rendezvous' ? `at ${describeOp(s.message)}` : 'finished the program';
    const first = this.states.findIndex((s) => s.kind === 'rendezvous');
    const base = this.states[first]!;
    const other = this.states.findIndex((s, i) => i !== first && (s.kind !== 'rendezvous' || !sameOp(s.message, (base as { message: WireMessage }).message)));
    const [a, b] = other < first ? [other, first] : [first, other];
    return `MPC parties diverged at interactive operation #${this.step + 1}: ` +
      `party ${a} ${describe(this.states[a]!)}, party ${b} ${describe(this.states[b]!)}`;
  }

  /** Every party waits at a rendezvous: the same operation completes it, anything else is divergence. */
  private rendezvous(): void {
    const messages = this.states.map((s) => (s as { message: WireMessage }).message);
    if (!messages.every((m) => sameOp(m, messages[0]!))) {
      this.outcome = { kind: 'error', message: this.divergence() };
      return;
    }
    let replies: bigint[][];
    try {
      replies = this.play(messages);
    } catch (err) {
      if (!(err instanceof BuiltinError)) throw err;
      // A failed round fails the operation in every party, as in the reference.
      this.step++;
      for (let party = 0; party < this.n; party++) this.fail(party, err.message);
      return;
    }
    this.step++;
    replies.forEach((nums, party) => this.answer(party, 'ok', nums));
  }

  /** One protocol round on the parties' contributions; returns each party's answer. */
  private play(messages: readonly WireMessage[]): bigint[][] {
    const { scheme, dealer } = this.setup;
    const f = scheme.field;
    const [head] = messages[0]!.op.split(' ', 1) as [string];
    const [kind, ...params] = head.split(':');
    const column = (k: number): bigint[] => messages.map((m) => m.nums[k]!);
    const open = (ys: readonly bigint[]): bigint => scheme.reconstruct(ys, this.setup.policy);
    const perParty = (ys: readonly bigint[]): bigint[][] => ys.map((y) => [y]);
    switch (kind) {
      case 'input':
        return perParty(dealer.deal(messages[0]!.nums[0]!));
      case 'open': {
        const opened = messages[0]!.nums.map((_, k) => open(column(k)));
        return messages.map(() => opened);
      }
      case 'mul': {
        const { a, b, c } = dealer.triple();
        const d = open(column(0).map((x, i) => f.sub(x, a[i]!)));
        const e = open(column(1).map((y, i) => f.sub(y, b[i]!)));
        return messages.map((_, i) => [a[i]!, b[i]!, c[i]!, d, e]);
      }
      case 'trunc': {
        const [m, bitSize] = params.map(Number) as [number, number];
        const mask = dealer.truncationMask(m, bitSize);
        const offset = f.reduce(1n << BigInt(bitSize - 1));
        const c = open(column(0).map((z, i) => f.add(f.add(z, mask.full[i]!), offset)));
        return messages.map((_, i) => [mask.low[i]!, c]);
      }
      case 'random_field':
        return perParty(dealer.randomField());
      case 'random_int':
        return perParty(dealer.randomInt(Number(params[0])));
      case 'output':
        this.clientOutputs = this.reconstructOutputs(messages);
        return messages.map(() => []);
      default:
        throw new Error(`unknown MPC party request '${messages[0]!.op}'`);
    }
  }

  /** The clients' view of the output round: each value reconstructed from the parties' shares. */
  private reconstructOutputs(messages: readonly WireMessage[]): ClientOutput[] {
    const { scheme } = this.setup;
    const plan = JSON.parse(messages[0]!.text) as {
      roster: string[];
      items: { client: number; type: ShareType; degree: number }[];
    };
    const values: ClientOutputValue[][] = plan.roster.map(() => []);
    plan.items.forEach((item, k) => {
      const ys = messages.map((m) => m.nums[k]!);
      values[item.client]!.push({
        type: item.type,
        value: decodeField(scheme.field, item.type, scheme.reconstruct(ys, this.setup.policy)),
        shares: ys.map((y, id) => encodeShare(scheme.field, y, id, item.degree)),
      });
    });
    return plan.roster.map((slot, clientIndex) => ({ clientIndex, slot: BigInt(slot), values: values[clientIndex]! }));
  }

  // ---- answering ----------------------------------------------------------------------------------

  /** One notify for every party answered in this pass. */
  private wakeAnswered(): void {
    let any = false;
    for (const c of this.setup.channels) any = c.takeReleased() || any;
    if (any) this.setup.doorbell.wake();
  }

  private answer(party: number, op: string, nums: readonly bigint[], text = ''): void {
    this.states[party] = { kind: 'running' };
    this.setup.channels[party]!.reply(op, nums, text);
  }

  /** Fails the party's pending request (it throws the builtin error `message`). */
  private fail(party: number, message: string): void {
    this.answer(party, 'error', [], message);
  }
}

/** Rendezvous requests match when their operation, contribution count and description agree. */
function sameOp(a: WireMessage, b: WireMessage): boolean {
  return a.op === b.op && a.nums.length === b.nums.length && a.text === b.text &&
    (a.op !== 'input' || a.nums[0] === b.nums[0]);
}

/** `open int-64` with 1 value → `open(int-64)`; more values are counted. */
function describeOp(m: WireMessage): string {
  const [head, label] = m.op.split(' ', 2) as [string, string | undefined];
  const args = [label, m.nums.length > 2 || (head === 'open' && m.nums.length > 1) ? `${m.nums.length} values` : undefined]
    .filter((x) => x !== undefined && x !== '');
  return args.length > 0 ? `${head}(${args.join(', ')})` : head;
}
