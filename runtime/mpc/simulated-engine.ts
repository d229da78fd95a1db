/**
 * The simulated MPC engine (local-simulation §7.1), over a protocol layer (share-protocol.ts):
 * - **Single mode, architecture B (`SimProtocol`):** one VM runs as party `partyId` (default 0). Every
 *   `Share` payload carries the shares of *all* n parties (real degree-t Shamir shares), so local
 *   operations act share-wise on every party's share, and an interactive step (open, Beaver multiply,
 *   truncation) is computed from all the shares at once, the way the parties' messages would combine.
 *   Party-dependent behaviour (`Mpc.party_id`, share objects' `__party_id`, `Mpc.rand`) is that of the
 *   viewing party; a broadcast by the viewing party stands for the same broadcast by every party
 *   (programs that rely on parties sending different messages are outside B's premise).
 * - **One party of a parties-mode run, architecture A (`PartyProtocol`, with `options.channel`):** the
 *   engine holds only party `partyId`'s share of each secret and blocks on the rendezvous channel for
 *   interactive steps; the coordinator (src/mpc/parties/) combines the n parties' contributions, detects
 *   diverging parties and compares their return values. The builtins are the same in both modes.
 *
 * Backends: `honeybadger` (robust shares, the default) and `avss` (Feldman-committed shares on any of the
 * six curves; see avss/protocol.ts for how its arithmetic differs, and docs/mpc.md).
 */
import type { Builtin } from '../builtins/types.js';
import { BuiltinError, VmError } from '../errors.js';
import type { Heap } from '../host.js';
import type { ShareCodec } from '../storage/share-codec.js';
import { Share, VmFloat, VmObject, type ShareType, type Value } from '../values.js';
import { FeldmanShares } from './avss/feldman.js';
import { AvssProtocol } from './avss/protocol.js';
import { newAvssShareObject } from './avss/share-object.js';
import { sharePersistence } from './avss/share-persistence.js';
import { encodeFeldmanShare } from './avss/wire.js';
import { avssBuiltins } from './builtins/avss.js';
import { clientBuiltins } from './builtins/client-io.js';
import { cryptoBuiltins } from './builtins/crypto.js';
import { fieldBuiltins } from './builtins/field.js';
import { infoBuiltins } from './builtins/info.js';
import { rbcBuiltins } from './builtins/rbc.js';
import { shareBuiltins } from './builtins/share.js';
import {
  clearInteger, decodeField, encodeClear, fixedFromFloat, inferShareType, isBoolType, roundScaled,
  sameShareType, SECRET_INT64, shareTypeKey, toI64,
} from './codec.js';
import { curveByName, DEFAULT_CURVE, parseCurve, type CurveConfig } from './curves.js';
import { shareTypeDebug } from '../format.js';
import { Drbg, randomSeed, seedBytes, type Seed } from './drbg.js';
import type { ClientOutput, ClientOutputValue, MpcEngine, ShareBinaryOp } from './engine.js';
import { beBytesToBigint, type PrimeField } from './field.js';
import { nativeGroup } from './groups.js';
import type { PartyChannel } from './party-channel.js';
import { PartyProtocol, PartyShare } from './party-protocol.js';
import { SimProtocol } from './protocol.js';
import type { ProtocolShares, ShareProtocol } from './share-protocol.js';
import { SingleViewRbc, type RbcTransport } from './broadcast.js';
import { ShamirScheme, type CorruptionPolicy } from './shamir.js';
import { encodeShare, SimShares } from './sim-shares.js';
import { isShareObject, shareOfObject } from './vm-values.js';

/** One client slot of the program's client-IO manifest (same shape as the bytecode model's). */
export interface ClientIoSchema {
  readonly slot: bigint;
  readonly inputs: readonly ShareType[];
  readonly outputs: readonly ShareType[];
}

/**
 * A local client input (local-simulation §3.3): an integer in [-2^63, 2^64), a boolean (1/0), or bytes
 * read as a big-endian integer reduced mod p. Fixed-point inputs are given already scaled by 2^f.
 */
export type ClientInputValue = number | bigint | boolean | Uint8Array;

export interface SimulatedEngineOptions {
  /** n, default 5. */
  readonly parties?: number;
  /** t, default 1. */
  readonly threshold?: number;
  /** Curve name or alias (mpc-model §2), default the program's manifest curve or `bls12-381`. */
  readonly curve?: string;
  /** `honeybadger` (default, alias `hb`) or `avss` (alias `adkg`), case-insensitive. */
  readonly backend?: string;
  /** Seed of every random choice; without one a random seed is drawn (readable as `engine.seed`). */
  readonly seed?: Seed;
  /** The party the VM runs as, default 0. */
  readonly partyId?: number;
  /** The program's client-IO manifest clients. */
  readonly clients?: readonly ClientIoSchema[];
  /** Per client slot, its input values in order. */
  readonly clientInputs?: ReadonlyMap<bigint | number, readonly ClientInputValue[]>;
  /** Declares slots 0..N-1 as known (output-capable) clients. */
  readonly expectedOutputClients?: number;
  /** The session id `Mpc.instance_id()` reports, default derived from the seed. */
  readonly instanceId?: bigint;
  /** What an opening does with inconsistent shares, default `error`. */
  readonly onCorruption?: CorruptionPolicy;
  /**
   * Run as party `partyId` of an n-party run (architecture A, docs/mpc.md): the engine holds only this
   * party's shares and meets the other parties through this channel to a coordinator. HoneyBadger only.
   */
  readonly channel?: PartyChannel;
}

/** A configuration the simulator cannot run (bad topology, unknown curve, client inputs not matching). */
export class MpcConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MpcConfigError';
  }
}

interface StoredInput {
  /** The manifest type, or null when the manifest declares no clients (untyped input). */
  readonly type: ShareType | null;
  readonly shares: ProtocolShares;
}

interface OutputRecord {
  readonly clientIndex: number;
  readonly shares: readonly Share[];
}

/** The simulated protocol families (`Mpc.protocol_name()` is `honeybadger-mpc` / `avss`). */
export type MpcBackend = 'honeybadger' | 'avss';

const BACKEND_NAMES: ReadonlyMap<string, MpcBackend> = new Map([
  ['honeybadger', 'honeybadger'], ['hb', 'honeybadger'], ['avss', 'avss'], ['adkg', 'avss'],
]);

/** `Mpc.capabilities()` per backend, in the reference's fixed order (mpc-model §10). */
const CAPABILITIES: Readonly<Record<MpcBackend, readonly string[]>> = {
  honeybadger: [
    'multiplication', 'client-input', 'consensus', 'open-in-exponent', 'reservation', 'client-output',
    'randomness', 'field-open', 'preprocessing-persistence',
  ],
  avss: [
    'multiplication', 'elliptic-curves', 'client-input', 'open-in-exponent', 'client-output', 'randomness',
    'field-open', 'preprocessing-persistence',
  ],
};

export function createSimulatedEngine(options: SimulatedEngineOptions = {}): SimulatedEngine {
  return new SimulatedEngine(options);
}

export class SimulatedEngine implements MpcEngine {
  readonly partyId: number;
  readonly nParties: number;
  readonly threshold: number;
  readonly curve: CurveConfig;
  readonly field: PrimeField;
  readonly protocol: ShareProtocol;
  /** Where `Rbc.*` messages go. */
  readonly rbc: RbcTransport;
  readonly seed: Uint8Array;
  readonly instanceId: bigint;
  readonly backend: MpcBackend;
  readonly protocolName: string;
  /** `Mpc.capabilities()`, in the reference's order. */
  readonly capabilities: readonly string[];
  /** Known client slots in ascending order; `ClientStore` indices address this list. */
  readonly roster: readonly bigint[];
  readonly inputClientCount: number;
  /** This party's local randomness (`Mpc.rand`, `Mpc.rand_int`). */
  readonly localRng: Drbg;
  readonly builtins: ReadonlyMap<string, Builtin>;
  private readonly inputs = new Map<bigint, readonly StoredInput[]>();
  private readonly outputTypes = new Map<bigint, readonly ShareType[]>();
  private readonly outputRecords: OutputRecord[] = [];

  constructor(options: SimulatedEngineOptions) {
    const n = options.parties ?? 5;
    const t = options.threshold ?? 1;
    if (!Number.isInteger(n) || n < 1) throw new MpcConfigError(`parties must be a positive integer, got ${n}`);
    if (!Number.isInteger(t) || t < 0) throw new MpcConfigError(`threshold must be a non-negative integer, got ${t}`);
    const backendName = (options.backend ?? 'honeybadger').trim().toLowerCase();
    const backend = BACKEND_NAMES.get(backendName);
    if (backend === undefined) {
      throw new MpcConfigError(`Unknown MPC backend '${backendName}'. Available: honeybadger, avss`);
    }
    this.backend = backend;
    this.protocolName = backend === 'avss' ? 'avss' : 'honeybadger-mpc';
    this.capabilities = CAPABILITIES[backend];
    // AVSS runs its sharings over reliable broadcast, which needs the same n >= 3t + 1 as HoneyBadger.
    if (n < 3 * t + 1) {
      throw new MpcConfigError(
        `${backend === 'avss' ? 'AVSS' : 'HoneyBadger'} requires n >= 3t + 1 parties (n = ${n}, t = ${t})`,
      );
    }
    this.curve = resolveCurve(options.curve);
    if (backend === 'honeybadger' && !this.curve.honeyBadger) {
      throw new MpcConfigError(`MPC curve '${this.curve.name}' is not supported by HoneyBadger backend`);
    }
    const partyId = options.partyId ?? 0;
    if (!Number.isInteger(partyId) || partyId < 0 || partyId >= n) {
      throw new MpcConfigError(`partyId must be in 0..${n - 1}, got ${partyId}`);
    }
    this.partyId = partyId;
    this.nParties = n;
    this.threshold = t;
    this.field = this.curve.field;
    this.seed = options.seed === undefined ? randomSeed() : seedBytes(options.seed);
    const scheme = new ShamirScheme(this.field, n, t);
    const dealer = new Drbg(this.seed, 'dealer');
    const policy = options.onCorruption ?? 'error';
    if (options.channel && backend !== 'honeybadger') {
      throw new MpcConfigError(`parties mode supports the honeybadger backend only, not '${backend}'`);
    }
    this.protocol = options.channel
      ? new PartyProtocol(scheme, options.channel, partyId)
      : backend === 'avss'
        ? new AvssProtocol(scheme, dealer, policy, partyId, nativeGroup(this.curve))
        : new SimProtocol(scheme, dealer, policy, partyId);
    this.rbc = this.protocol instanceof PartyProtocol ? this.protocol.rbc() : new SingleViewRbc(n, partyId);
    this.localRng = new Drbg(this.seed, `party-local:${partyId}`);
    this.instanceId = options.instanceId ?? new Drbg(this.seed, 'instance').bits(64);
    const clients = options.clients ?? [];
    const given = normalizeInputs(options.clientInputs);
    validateClientInputs(clients, given);
    for (const c of clients) this.outputTypes.set(c.slot, c.outputs);
    for (const [slot, values] of given) {
      const schema = clients.find((c) => c.slot === slot);
      this.inputs.set(
        slot,
        values.map((v, j) => ({
          type: schema ? schema.inputs[j]! : null,
          shares: this.protocol.input(this.encodeClientInput(v, slot)),
        })),
      );
    }
    const known = new Set<bigint>([...given.keys(), ...clients.map((c) => c.slot)]);
    const expected = options.expectedOutputClients ?? 0;
    for (let i = 0; i < expected; i++) known.add(BigInt(i));
    this.roster = [...known].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.inputClientCount = given.size;
    this.builtins = new Map([
      ...shareBuiltins(this),
      ...fieldBuiltins(this),
      ...infoBuiltins(this),
      ...clientBuiltins(this),
      ...cryptoBuiltins(),
      ...(backend === 'avss' ? consensusUnavailable(this.protocolName) : rbcBuiltins(this.rbc)),
      ...avssBuiltins(),
    ]);
  }

  // ---- MpcEngine (VM-facing; errors are VmErrors) ---------------------------------------------

  shareClear(value: Value): Share {
    return asVmError(() => {
      if (value instanceof Share) return value;
      if (value instanceof VmObject) return shareOfObject(value);
      return this.fromClear(value, null);
    });
  }

  open(share: Share): Value {
    return asVmError(() => this.openShare(share));
  }

  binary(op: ShareBinaryOp, a: Value, b: Value): Value {
    return asVmError(() => this.binaryOp(op, a, b));
  }

  not(a: Share): Value {
    return asVmError(() => {
      if (!isBoolType(a.type)) throw new BuiltinError('Bitwise NOT is only supported on secret bool shares');
      return this.share(a.type, this.protocol.constSub(1n, this.sim(a)));
    });
  }

  finishRun(returned: Value): readonly ClientOutput[] {
    return asVmError(() => {
      for (const r of this.outputRecords) {
        if (r.clientIndex >= this.roster.length) {
          throw new BuiltinError(
            `Client output target index ${r.clientIndex} has no registered client (${this.roster.length} known)`,
          );
        }
      }
      const returnedShare = returned instanceof Share ? returned : isShareObject(returned) ? shareOfObject(returned) : null;
      const plan = this.roster.map((slot, clientIndex) => {
        const items: { share: Share; type: ShareType }[] = [];
        if (returnedShare) items.push({ share: returnedShare, type: returnedShare.type });
        const types = this.outputTypes.get(slot) ?? [];
        let k = 0;
        for (const r of this.outputRecords) {
          if (r.clientIndex !== clientIndex) continue;
          for (const s of r.shares) items.push({ share: s, type: types[k++] ?? s.type });
        }
        return { clientIndex, slot, items };
      });
      if (this.protocol instanceof PartyProtocol) {
        // A party only hands over its shares; the coordinator reconstructs them for the clients.
        this.protocol.output(
          this.roster,
          plan.flatMap((c) => c.items.map((i) => ({ clientIndex: c.clientIndex, share: this.sim(i.share) as PartyShare, type: i.type }))),
        );
        return [];
      }
      return plan.map(({ clientIndex, slot, items }) => ({
        clientIndex,
        slot,
        values: items.map((i) => this.deliver(i.share, i.type)),
      }));
    });
  }

  /**
   * A client's view of one output: it reconstructs the element from the parties' shares and decodes
   * it by `type` (correctly for negatives, unlike the local runner's low-64-bit decoding).
   */
  private deliver(share: Share, type: ShareType): ClientOutputValue {
    const sim = this.allShares(share);
    return {
      type,
      value: decodeField(this.field, type, this.protocol.open(sim)),
      shares: sim.ys.map((y, id) =>
        sim instanceof FeldmanShares ? encodeFeldmanShare(this.field, sim, id) : encodeShare(this.field, y, id, sim.degree),
      ),
    };
  }

  shareCodec(key: Uint8Array): ShareCodec {
    const context = {
      backend: this.protocolName,
      curve: this.curve.name,
      field: this.field,
      fieldName: this.curve.fieldName,
      nParties: this.nParties,
      threshold: this.threshold,
    };
    return sharePersistence(context, { sim: (s) => this.allShares(s), restore: (ys) => this.allPartyProtocol().wrap(ys) }, key);
  }

  /**
   * An `AvssShare` object for an AVSS share (what the reference's key-generation integration gives a
   * program for a named key); this party's share data and the commitments.
   */
  avssShareObject(heap: Heap, keyName: string, share: Share): VmObject {
    return asVmError(() => {
      const sim = this.sim(share);
      if (!(sim instanceof FeldmanShares)) throw new BuiltinError('Share does not have Feldman commitments (requires AVSS backend)');
      return newAvssShareObject(heap, this.field, keyName, sim, this.partyId);
    });
  }

  // ---- helpers for the builtins (errors are BuiltinErrors) ------------------------------------

  /** The protocol's sharing inside a share made by this engine. */
  sim(share: Share): ProtocolShares {
    const p = share.payload;
    if (!this.protocol.owns(p)) throw new BuiltinError('Share was not created by this MPC engine');
    return p as ProtocolShares;
  }

  /**
   * The all-party shares of a share (single-process engine only). A party of an n-party run holds just
   * its own share, so it cannot write the all-party persistence format (the only such use it reaches).
   */
  allShares(share: Share): SimShares {
    const p = this.sim(share);
    if (!(p instanceof SimShares)) throw new BuiltinError(ONE_PARTY_PERSISTENCE);
    return p;
  }

  private allPartyProtocol(): SimProtocol {
    if (!(this.protocol instanceof SimProtocol)) throw new BuiltinError(ONE_PARTY_PERSISTENCE);
    return this.protocol;
  }

  share(type: ShareType, sim: ProtocolShares): Share {
    return new Share(type, sim);
  }

  /** Public-constant sharing of a clear value, with an explicit type or the inferred one. */
  fromClear(value: Value, type: ShareType | null): Share {
    const t = type ?? inferShareType(value);
    return this.share(t, this.protocol.constant(encodeClear(this.field, t, value)));
  }

  openShare(share: Share): Value {
    return decodeField(this.field, share.type, this.protocol.open(this.sim(share), shareTypeKey(share.type)));
  }

  /**
   * Secret x secret product; HoneyBadger truncates fixed-point types back to f fractional bits, AVSS
   * multiplies ignoring the type (mpc-model §5.3: its products keep 2f fractional bits).
   */
  mulShares(type: ShareType, a: ProtocolShares, b: ProtocolShares): ProtocolShares {
    const z = this.protocol.mul(a, b, shareTypeKey(type));
    const truncate = type.kind === 'fixed' && this.backend === 'honeybadger';
    return truncate ? this.protocol.truncPr(z, type.fracBits, 2 * type.totalBits, shareTypeKey(type)) : z;
  }

  /** share + c; a fixed share's scalar is scaled to c * 2^f first. */
  addScalar(type: ShareType, a: ProtocolShares, c: bigint): ProtocolShares {
    return this.protocol.addConst(a, this.scaledScalar(type, c));
  }

  subScalar(type: ShareType, a: ProtocolShares, c: bigint): ProtocolShares {
    return this.protocol.addConst(a, -this.scaledScalar(type, c));
  }

  /**
   * share * float (MUL instruction, `Share.mul_scalar`): an integer share is multiplied by
   * round(c * 2^16) and re-typed fixed(64,16); a fixed share multiplies by the publicly shared
   * trunc(c * 2^f) with truncation. Null when an integer share's scaled scalar is out of range.
   */
  mulFloat(share: Share, c: number, scaleInt: (c: number, f: number) => bigint | null): Share | null {
    const a = this.sim(share);
    if (share.type.kind === 'fixed') {
      const k = this.protocol.constant(this.field.reduce(fixedFromFloat(c, share.type.fracBits)));
      return this.share(share.type, this.mulShares(share.type, a, k));
    }
    const scaled = scaleInt(c, 16);
    if (scaled === null) return null;
    return this.share({ kind: 'fixed', totalBits: 64, fracBits: 16 }, this.protocol.mulConst(a, scaled));
  }

  /** Records shares for a client; targets are validated at the end of the run. */
  recordOutput(clientIndex: number, shares: readonly Share[]): void {
    for (const s of shares) this.sim(s);
    this.outputRecords.push({ clientIndex, shares });
  }

  /** `ClientStore.take_share*`: input j of the i-th known client, as `requested` (or its stored type). */
  takeInput(clientIndex: number, inputIndex: number, requested: ShareType | null): Share {
    const slot = this.roster[clientIndex];
    if (slot === undefined) throw new BuiltinError(`No client at index ${clientIndex}`);
    const stored = this.inputs.get(slot)?.[inputIndex];
    if (stored === undefined) throw new BuiltinError(`No share found for client ${slot} at index ${inputIndex}`);
    if (stored.type !== null && requested !== null && !sameShareType(stored.type, requested)) {
      throw new BuiltinError(
        `Client ${slot} share ${inputIndex} has type ${shareTypeDebug(stored.type)}, but ${shareTypeDebug(requested)} was requested`,
      );
    }
    return this.share(stored.type ?? requested ?? SECRET_INT64, stored.shares);
  }

  private scaledScalar(type: ShareType, c: bigint): bigint {
    if (type.kind !== 'fixed') return c;
    const scaled = c << BigInt(type.fracBits);
    if (scaled < -(1n << 63n) || scaled >= 1n << 63n) throw new BuiltinError('Fixed-point scalar overflow');
    return scaled;
  }

  private encodeClientInput(v: ClientInputValue, slot: bigint): bigint {
    if (typeof v === 'boolean') return v ? 1n : 0n;
    if (v instanceof Uint8Array) return this.field.reduce(beBytesToBigint(v));
    if (typeof v === 'number' && !Number.isSafeInteger(v)) {
      throw new MpcConfigError(`client slot ${slot}: input ${v} is not an integer`);
    }
    const n = BigInt(v);
    if (n < -(1n << 63n) || n >= 1n << 64n) {
      throw new MpcConfigError(`client slot ${slot}: input ${n} is outside the i64/u64 range`);
    }
    return this.field.reduce(n);
  }

  private binaryOp(op: ShareBinaryOp, rawA: Value, rawB: Value): Value {
    const unwraps = op === 'ADD' || op === 'SUB' || op === 'MUL' || op === 'DIV';
    const a = unwraps && isShareObject(rawA) ? shareOfObject(rawA) : rawA;
    const b = unwraps && isShareObject(rawB) ? shareOfObject(rawB) : rawB;
    const sa = a instanceof Share ? a : null;
    const sb = b instanceof Share ? b : null;
    const p = this.protocol;
    if (op === 'AND' || op === 'OR' || op === 'XOR') {
      if (sa && sb && !sameShareType(sa.type, sb.type)) throw new BuiltinError(`Share type mismatch in ${op} operation`);
      if (!sa || !sb || !isBoolType(sa.type)) throw new BuiltinError(`Bitwise ${op} is only supported on secret bool shares`);
      const x = this.sim(sa);
      const y = this.sim(sb);
      const xy = p.mul(x, y, shareTypeKey(sa.type));
      const sum = p.add(x, y);
      const r = op === 'AND' ? xy : op === 'OR' ? p.sub(sum, xy) : p.sub(sum, p.mulConst(xy, 2n));
      return this.share(sa.type, r);
    }
    if (sa && sb) {
      if (!sameShareType(sa.type, sb.type)) throw new BuiltinError(`Share type mismatch in ${op} operation`);
      const x = this.sim(sa);
      const y = this.sim(sb);
      switch (op) {
        case 'ADD':
          return this.share(sa.type, p.add(x, y));
        case 'SUB':
          return this.share(sa.type, p.sub(x, y));
        case 'MUL':
          return this.share(sa.type, this.mulShares(sa.type, x, y));
        case 'DIV':
          throw new BuiltinError('Share/Share division is not supported on secret shares');
        case 'MOD':
          throw new BuiltinError('Share/Share modulo is not supported on secret shares');
      }
    }
    if (op === 'MUL') {
      if (sa && b instanceof VmFloat) {
        const r = this.mulFloat(sa, b.v, roundScaled);
        if (r) return r;
      }
      if (sb && a instanceof VmFloat) {
        const r = this.mulFloat(sb, a.v, roundScaled);
        if (r) return r;
      }
    }
    if (op === 'DIV' && sa && sa.type.kind === 'fixed') {
      const divisor = b instanceof VmFloat ? b.v : clearInteger(b) !== null ? Number(clearInteger(b)) : null;
      const scaled = divisor === null ? null : roundScaled(divisor, sa.type.fracBits);
      if (scaled !== null) return this.share(sa.type, this.divFixedByConst(sa.type, this.sim(sa), scaled));
    }
    const ca = clearInteger(a) !== null ? toI64(a, 'share scalar') : null;
    const cb = clearInteger(b) !== null ? toI64(b, 'share scalar') : null;
    if (sa && cb !== null) {
      const x = this.sim(sa);
      switch (op) {
        case 'ADD':
          return this.share(sa.type, this.addScalar(sa.type, x, cb));
        case 'SUB':
          return this.share(sa.type, this.subScalar(sa.type, x, cb));
        case 'MUL':
          return this.share(sa.type, p.mulConst(x, cb));
        case 'DIV':
          return this.share(sa.type, p.mulConst(x, p.scalarInverse(cb)));
        case 'MOD':
          break;
      }
    }
    if (sb && ca !== null) {
      const y = this.sim(sb);
      switch (op) {
        case 'ADD':
          return this.share(sb.type, this.addScalar(sb.type, y, ca));
        case 'SUB':
          return this.share(sb.type, p.constSub(this.scaledScalar(sb.type, ca), y));
        case 'MUL':
          return this.share(sb.type, p.mulConst(y, ca));
        default:
          break;
      }
    }
    throw new BuiltinError(`Type error in ${op} operation`);
  }

  /**
   * Secret fixed point / public constant (mpc-model §5.4): w = round_half_up(2^(2f) / b) for the scaled
   * divisor b, then [x] * w truncated by f bits.
   */
  divFixedByConst(type: ShareType & { kind: 'fixed' }, x: ProtocolShares, divisorScaled: bigint): ProtocolShares {
    if (divisorScaled <= 0n) throw new BuiltinError('Fixed-point division requires a positive divisor');
    if (this.backend === 'avss') {
      throw new BuiltinError('MPC divide_fixed_by_constant failed: this MPC backend does not support fixed-point division');
    }
    const f = BigInt(type.fracBits);
    const w = ((1n << (2n * f)) + divisorScaled / 2n) / divisorScaled;
    return this.protocol.truncPr(this.protocol.mulConst(x, w), type.fracBits, 2 * type.totalBits, shareTypeKey(type));
  }
}

/** `Rbc.*` on a backend without the consensus capability (AVSS): the reference's capability error. */
function consensusUnavailable(protocolName: string): [string, Builtin][] {
  const fail: Builtin = () => {
    throw new BuiltinError(`MPC backend '${protocolName}' does not support consensus (RBC)`);
  };
  return [['Rbc.broadcast', fail], ['Rbc.receive', fail], ['Rbc.receive_any', fail]];
}

/** What `LocalStorage` reports for a share it cannot persist (runtime/storage/codec.ts). */
const ONE_PARTY_PERSISTENCE = 'cannot persist or load share values without MPC persistence context';

/** Runs `fn`, reporting a builtin-style failure as the VM error the instruction raises. */
function asVmError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof BuiltinError) throw new VmError(err.message, 'Mpc');
    throw err;
  }
}

function resolveCurve(name: string | undefined): CurveConfig {
  if (name === undefined) return curveByName(DEFAULT_CURVE);
  try {
    return parseCurve(name);
  } catch (err) {
    throw new MpcConfigError((err as Error).message);
  }
}

function normalizeInputs(
  inputs: ReadonlyMap<bigint | number, readonly ClientInputValue[]> | undefined,
): Map<bigint, readonly ClientInputValue[]> {
  const out = new Map<bigint, readonly ClientInputValue[]>();
  for (const [slot, values] of inputs ?? []) {
    const key = BigInt(slot);
    if (out.has(key)) throw new MpcConfigError(`client slot ${key} was provided more than once`);
    out.set(key, values);
  }
  return out;
}

/** The runner's checks of local client inputs against the manifest (local-simulation §3.4). */
function validateClientInputs(clients: readonly ClientIoSchema[], given: ReadonlyMap<bigint, readonly ClientInputValue[]>): void {
  if (clients.length === 0) return;
  if (given.size === 0 && clients.some((c) => c.inputs.length > 0)) {
    throw new MpcConfigError('program declares ClientStore input metadata; provide local client inputs');
  }
  for (const [slot, values] of given) {
    const schema = clients.find((c) => c.slot === slot);
    if (!schema) throw new MpcConfigError(`client slot ${slot} is not declared in the program client IO manifest`);
    if (schema.inputs.length !== values.length) {
      throw new MpcConfigError(`client slot ${slot} expects ${schema.inputs.length} inputs, got ${values.length}`);
    }
  }
  for (const c of clients) {
    if (c.inputs.length > 0 && !given.has(c.slot)) {
      throw new MpcConfigError(
        `client slot ${c.slot} is declared in the program client IO manifest but no input was provided`,
      );
    }
  }
}

