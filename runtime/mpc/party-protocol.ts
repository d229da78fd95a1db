/**
 * One party of an n-party run (architecture A, docs/mpc.md): the party holds only its own share of each
 * secret; local operations act on it alone, interactive ones send this party's contribution over its
 * `PartyChannel` and block until the coordinator answers with what the protocol round gives this party.
 *
 * Requests (operation names are `kind[:param…] label`; the coordinator requires every party to send the
 * same name at the same position of its sequence of interactive operations):
 * | op                        | party sends            | party receives                           |
 * |---------------------------|------------------------|------------------------------------------|
 * | `input`                   | x (the client's value) | its share of a fresh sharing of x        |
 * | `open label`              | its shares y_i         | the reconstructed elements               |
 * | `mul label`               | x_i, y_i               | triple shares a_i, b_i, c_i; opened d, e |
 * | `trunc:m:bitSize label`   | z_i                    | its mask share r'_i; opened c            |
 * | `random_field`            | —                      | its share of a uniform element           |
 * | `random_int:bits`         | —                      | its share of a PRandInt mask             |
 * | `output`                  | its output shares      | — (the coordinator reconstructs them)    |
 * `Rbc` requests (`rbc_broadcast`, `rbc_receive`, `rbc_receive_any`) are not part of that sequence.
 */
import { BuiltinError } from '../errors.js';
import type { SharePayload, ShareType } from '../values.js';
import type { RbcTransport } from './broadcast.js';
import type { PrimeField } from './field.js';
import type { PartyChannel } from './party-channel.js';
import type { ShamirScheme } from './shamir.js';
import { beaverShare, truncatedShare, type ShareProtocol } from './share-protocol.js';

/** One party's share of a secret. Equal (as a VM value) to another when the share bytes are. */
export class PartyShare implements SharePayload {
  constructor(
    readonly y: bigint,
    readonly degree: number,
    readonly view: number,
  ) {}

  key(): string {
    return `hb:${this.view}:${this.degree}:${this.y.toString(16)}`;
  }
}

/** One value delivered to a client: the client's index in the roster, the share and its decoding type. */
export interface OutputItem {
  readonly clientIndex: number;
  readonly share: PartyShare;
  /** How the client decodes it. */
  readonly type: ShareType;
}

export class PartyProtocol implements ShareProtocol {
  readonly field: PrimeField;

  constructor(
    readonly scheme: ShamirScheme,
    private readonly channel: PartyChannel,
    readonly view: number,
  ) {
    this.field = scheme.field;
  }

  private wrap(y: bigint): PartyShare {
    return new PartyShare(y, this.scheme.t, this.view);
  }

  owns(payload: SharePayload): boolean {
    return payload instanceof PartyShare && payload.view === this.view;
  }

  ownShare(s: PartyShare): bigint {
    return s.y;
  }

  constant(x: bigint): PartyShare {
    return this.wrap(x);
  }
  add(a: PartyShare, b: PartyShare): PartyShare {
    return this.wrap(this.field.add(a.y, b.y));
  }
  sub(a: PartyShare, b: PartyShare): PartyShare {
    return this.wrap(this.field.sub(a.y, b.y));
  }
  neg(a: PartyShare): PartyShare {
    return this.wrap(this.field.neg(a.y));
  }
  addConst(a: PartyShare, c: bigint): PartyShare {
    return this.wrap(this.field.add(a.y, this.field.reduce(c)));
  }
  constSub(c: bigint, a: PartyShare): PartyShare {
    return this.addConst(this.neg(a), c);
  }
  mulConst(a: PartyShare, c: bigint): PartyShare {
    return this.wrap(this.field.mul(a.y, this.field.reduce(c)));
  }
  scalarInverse(c: bigint): bigint {
    if (c === 0n) throw new BuiltinError('Division by zero');
    const k = this.field.reduce(c);
    if (k === 0n) throw new BuiltinError('Scalar has no inverse in field');
    return this.field.inv(k);
  }

  input(x: bigint): PartyShare {
    return this.wrap(this.call('input', [this.field.reduce(x)])[0]!);
  }

  open(s: PartyShare, label = ''): bigint {
    return this.call(`open ${label}`, [s.y])[0]!;
  }

  openMany(list: readonly PartyShare[], label = ''): bigint[] {
    return [...this.call(`open ${label}`, list.map((s) => s.y))];
  }

  mul(x: PartyShare, y: PartyShare, label = ''): PartyShare {
    const [a, b, c, d, e] = this.call(`mul ${label}`, [x.y, y.y]) as [bigint, bigint, bigint, bigint, bigint];
    return this.wrap(beaverShare(this.field, a, b, c, d, e));
  }

  truncPr(z: PartyShare, m: number, bitSize: number, label = ''): PartyShare {
    const [low, c] = this.call(`trunc:${m}:${bitSize} ${label}`, [z.y]) as [bigint, bigint];
    return this.wrap(truncatedShare(this.field, z.y, low, c, m));
  }

  randomField(): PartyShare {
    return this.wrap(this.call('random_field')[0]!);
  }

  randomInt(bits: number): PartyShare {
    return this.wrap(this.call(`random_int:${bits}`)[0]!);
  }

  /**
   * End of run: hands this party's output shares to the coordinator, which reconstructs them for the
   * clients. `roster` and the items' types travel as JSON in the request's text.
   */
  output(roster: readonly bigint[], items: readonly OutputItem[]): void {
    const text = JSON.stringify({
      roster: roster.map(String),
      items: items.map((i) => ({ client: i.clientIndex, type: i.type, degree: i.share.degree })),
    });
    this.call('output', items.map((i) => i.share.y), text);
  }

  /** `Rbc.*` through the coordinator. */
  rbc(): RbcTransport {
    return {
      broadcast: (message) => Number(this.channel.call('rbc_broadcast', [], message).nums[0]),
      receive: (from, timeoutMs) => this.channel.call('rbc_receive', [BigInt(from), BigInt(timeoutMs)]).text,
      receiveAny: (timeoutMs) => {
        const reply = this.channel.call('rbc_receive_any', [BigInt(timeoutMs)]);
        return { party: Number(reply.nums[0]), message: reply.text };
      },
    };
  }

  private call(op: string, nums: readonly bigint[] = [], text = ''): readonly bigint[] {
    return this.channel.call(op, nums, text).nums;
  }
}
