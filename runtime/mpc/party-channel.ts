/**
 * The rendezvous channel between one party of an n-party run (architecture A, docs/mpc.md) and the
 * coordinator, on SharedArrayBuffers and Atomics only (browser-safe; the party side must run in a worker,
 * where `Atomics.wait` is allowed).
 *
 * Each party has a control buffer: Int32 words [state, length, flags] and a payload area. A party writes
 * a request chunk, sets `state = SENT`, rings the shared doorbell (an Int32 counter the coordinator waits
 * on) and blocks until the coordinator sets `state = REPLIED`. Messages longer than the payload area go
 * in chunks with `flags = MORE`: the receiver of a partial chunk answers with an empty chunk (an ack from
 * the coordinator, a pull from the party) to get the next one. `state = ENDED` tells the coordinator the
 * party will send nothing more.
 *
 * A message is an operation name, a list of non-negative integers (field elements, parameters) and a
 * text (`Rbc` messages, error texts, descriptions).
 */
import { BuiltinError } from '../errors.js';

export interface WireMessage {
  readonly op: string;
  readonly nums: readonly bigint[];
  readonly text: string;
}

/**
 * The buffers of one party's channel, as the coordinator hands them to the party. The doorbell is shared
 * by all parties: word 0 counts requests (the coordinator waits on it), word 1 counts reply rounds (the
 * parties wait on it, so one notify wakes every party a round answered).
 */
export interface ChannelBuffers {
  readonly control: SharedArrayBuffer;
  readonly doorbell: SharedArrayBuffer;
}

const STATE = 0;
const LENGTH = 1;
const FLAGS = 2;
const HEADER_BYTES = 16;
const MORE = 1;

const ChannelState = { Running: 0, Sent: 1, Replied: 2, Ended: 3 } as const;
type ChannelState = (typeof ChannelState)[keyof typeof ChannelState];

/** Default payload area per party. */
export const DEFAULT_CHANNEL_BYTES = 1 << 16;

/** A fresh channel for one party (`payloadBytes` of payload area) on a shared doorbell. */
export function createChannelBuffers(doorbell: SharedArrayBuffer, payloadBytes = DEFAULT_CHANNEL_BYTES): ChannelBuffers {
  return { control: new SharedArrayBuffer(HEADER_BYTES + payloadBytes), doorbell };
}

/** A doorbell: the request and reply counters. */
export function createDoorbell(): SharedArrayBuffer {
  return new SharedArrayBuffer(8);
}

const REQUESTS = 0;
const REPLIES = 1;

/** Both ends see the buffers through this view. */
class ChannelView {
  readonly words: Int32Array;
  readonly payload: Uint8Array;
  readonly bell: Int32Array;

  constructor(buffers: ChannelBuffers) {
    this.words = new Int32Array(buffers.control, 0, 3);
    this.payload = new Uint8Array(buffers.control, HEADER_BYTES);
    this.bell = new Int32Array(buffers.doorbell);
  }

  state(): number {
    return Atomics.load(this.words, STATE);
  }

  /** Writes one chunk of `bytes` from `at`; returns where the next chunk starts. */
  writeChunk(bytes: Uint8Array, at: number): number {
    const n = Math.min(this.payload.length, bytes.length - at);
    this.payload.set(bytes.subarray(at, at + n));
    Atomics.store(this.words, LENGTH, n);
    Atomics.store(this.words, FLAGS, at + n < bytes.length ? MORE : 0);
    return at + n;
  }

  readChunk(): { bytes: Uint8Array; more: boolean } {
    const n = Atomics.load(this.words, LENGTH);
    return { bytes: this.payload.slice(0, n), more: (Atomics.load(this.words, FLAGS) & MORE) !== 0 };
  }

  setState(state: ChannelState): void {
    Atomics.store(this.words, STATE, state);
  }
}

/** The party's end: synchronous calls that block until the coordinator replies. */
export class PartyChannel {
  private readonly view: ChannelView;

  constructor(buffers: ChannelBuffers) {
    this.view = new ChannelView(buffers);
  }

  /** Sends a request and waits for the reply. Throws `BuiltinError` when the reply is an error. */
  call(op: string, nums: readonly bigint[] = [], text = ''): WireMessage {
    const bytes = encodeMessage({ op, nums, text });
    let at = 0;
    for (;;) {
      at = this.view.writeChunk(bytes, at);
      this.send();
      this.awaitReply();
      if (at >= bytes.length) break;
    }
    const parts: Uint8Array[] = [];
    for (;;) {
      const chunk = this.view.readChunk();
      parts.push(chunk.bytes);
      if (!chunk.more) break;
      this.view.writeChunk(new Uint8Array(0), 0);
      this.send();
      this.awaitReply();
    }
    this.view.setState(ChannelState.Running);
    const reply = decodeMessage(concat(parts));
    if (reply.op === 'error') throw new BuiltinError(reply.text);
    return reply;
  }

  /** Tells the coordinator this party is done with the channel. */
  end(): void {
    this.view.setState(ChannelState.Ended);
    this.ring();
  }

  private send(): void {
    this.view.setState(ChannelState.Sent);
    this.ring();
  }

  private ring(): void {
    Atomics.add(this.view.bell, REQUESTS, 1);
    Atomics.notify(this.view.bell, REQUESTS);
  }

  private awaitReply(): void {
    for (;;) {
      const round = Atomics.load(this.view.bell, REPLIES);
      if (this.view.state() !== ChannelState.Sent) return;
      Atomics.wait(this.view.bell, REPLIES, round);
    }
  }
}

/** What the coordinator sees of one party's channel in one poll. */
export type ChannelEvent =
  | { readonly kind: 'none' }
  | { readonly kind: 'request'; readonly message: WireMessage }
  | { readonly kind: 'ended' };

/** The coordinator's end of one party's channel. */
export class CoordinatorChannel {
  private readonly view: ChannelView;
  private inbound: Uint8Array[] = [];
  /** A complete request is waiting for its reply. */
  private pending = false;
  /** The rest of a reply still to be sent chunk by chunk. */
  private outbound: { bytes: Uint8Array; at: number } | null = null;
  private released = false;

  constructor(buffers: ChannelBuffers) {
    this.view = new ChannelView(buffers);
  }

  /** Reads what the party sent since the last poll (handling chunk acks and pulls itself). */
  poll(): ChannelEvent {
    const state = this.view.state();
    if (state === ChannelState.Ended) return { kind: 'ended' };
    if (state !== ChannelState.Sent || this.pending) return { kind: 'none' };
    if (this.outbound) {
      this.writeNext();
      return { kind: 'none' };
    }
    const chunk = this.view.readChunk();
    this.inbound.push(chunk.bytes);
    if (chunk.more) {
      this.view.writeChunk(new Uint8Array(0), 0);
      this.release();
      return { kind: 'none' };
    }
    const message = decodeMessage(concat(this.inbound));
    this.inbound = [];
    this.pending = true;
    return { kind: 'request', message };
  }

  /** Answers the pending request. */
  reply(op: string, nums: readonly bigint[] = [], text = ''): void {
    if (!this.pending) throw new Error('reply without a pending request');
    this.pending = false;
    this.outbound = { bytes: encodeMessage({ op, nums, text }), at: 0 };
    this.writeNext();
  }

  private writeNext(): void {
    const out = this.outbound!;
    out.at = this.view.writeChunk(out.bytes, out.at);
    if (out.at >= out.bytes.length) this.outbound = null;
    this.release();
  }

  /** Hands the channel back to the party; it wakes with the next `Doorbell.wake`. */
  private release(): void {
    this.view.setState(ChannelState.Replied);
    this.released = true;
  }

  /** Whether the channel was handed back since the last call (the party then needs a wake). */
  takeReleased(): boolean {
    const r = this.released;
    this.released = false;
    return r;
  }
}

/** The doorbell as the coordinator waits on it. */
export class Doorbell {
  private readonly bell: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.bell = new Int32Array(buffer);
  }

  value(): number {
    return Atomics.load(this.bell, REQUESTS);
  }

  /** Blocks until a party rings (the request count moves away from `seen`) or `timeoutMs` passes. */
  wait(seen: number, timeoutMs: number): void {
    Atomics.wait(this.bell, REQUESTS, seen, Math.max(0, timeoutMs));
  }

  /** Wakes the parties whose channels were answered since the last wake. */
  wake(): void {
    Atomics.add(this.bell, REPLIES, 1);
    Atomics.notify(this.bell, REPLIES);
  }
}

// ---- message codec: u32 op length, op (UTF-8), u32 count, per number u16 word count + 64-bit LE
// ---- words (least significant first), u32 text length, text (UTF-8)

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeMessage(m: WireMessage): Uint8Array {
  const op = encoder.encode(m.op);
  const text = encoder.encode(m.text);
  const nums = m.nums.map(words);
  const size = 4 + op.length + 4 + nums.reduce((s, w) => s + 2 + 8 * w.length, 0) + 4 + text.length;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  let at = 0;
  dv.setUint32(at, op.length, true);
  out.set(op, (at += 4));
  dv.setUint32((at += op.length), nums.length, true);
  at += 4;
  for (const w of nums) {
    dv.setUint16(at, w.length, true);
    at += 2;
    for (const word of w) {
      dv.setBigUint64(at, word, true);
      at += 8;
    }
  }
  dv.setUint32(at, text.length, true);
  out.set(text, at + 4);
  return out;
}

export function decodeMessage(bytes: Uint8Array): WireMessage {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const opLength = dv.getUint32(at, true);
  const op = decoder.decode(bytes.subarray(at + 4, at + 4 + opLength));
  at += 4 + opLength;
  const count = dv.getUint32(at, true);
  at += 4;
  const nums: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const n = dv.getUint16(at, true);
    let v = 0n;
    for (let k = n - 1; k >= 0; k--) v = (v << 64n) | dv.getBigUint64(at + 2 + 8 * k, true);
    nums.push(v);
    at += 2 + 8 * n;
  }
  const textLength = dv.getUint32(at, true);
  const text = decoder.decode(bytes.subarray(at + 4, at + 4 + textLength));
  return { op, nums, text };
}

/** A non-negative integer as 64-bit words, least significant first. */
function words(v: bigint): bigint[] {
  if (v < 0n) throw new RangeError(`channel numbers must be non-negative, got ${v}`);
  const out: bigint[] = [];
  for (let x = v; x > 0n; x >>= 64n) out.push(BigInt.asUintN(64, x));
  if (out.length > 0xffff) throw new RangeError('channel number too large');
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
