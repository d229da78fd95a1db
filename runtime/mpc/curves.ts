/**
 * The six MPC curve configurations of mpc-model §2. Share arithmetic always happens in the curve's
 * scalar field; Curve25519 and Ed25519 share one field.
 */
import { BuiltinError } from '../errors.js';
import { PrimeField } from './field.js';

export type CurveName = 'bls12-381' | 'bn254' | 'curve25519' | 'ed25519' | 'secp256k1' | 'p-256';

export interface CurveConfig {
  /** Canonical name (`Mpc.curve()`). */
  readonly name: CurveName;
  /** Scalar-field name (`Mpc.field()`). */
  readonly fieldName: string;
  readonly field: PrimeField;
  /** Bytecode manifest curve tag. */
  readonly tag: number;
  /** Whether the HoneyBadger backend accepts this curve. */
  readonly honeyBadger: boolean;
}

const BLS12_381_R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;
const BN254_R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const ED25519_L = (1n << 252n) + 27742317777372353535851937790883648493n;
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const ED_FIELD = new PrimeField(ED25519_L);

const LIST: readonly CurveConfig[] = [
  { name: 'bls12-381', fieldName: 'bls12-381-fr', field: new PrimeField(BLS12_381_R), tag: 0, honeyBadger: true },
  { name: 'bn254', fieldName: 'bn254-fr', field: new PrimeField(BN254_R), tag: 1, honeyBadger: true },
  { name: 'curve25519', fieldName: 'curve25519-fr', field: ED_FIELD, tag: 2, honeyBadger: true },
  { name: 'ed25519', fieldName: 'curve25519-fr', field: ED_FIELD, tag: 3, honeyBadger: true },
  { name: 'secp256k1', fieldName: 'secp256k1-fr', field: new PrimeField(SECP256K1_N), tag: 4, honeyBadger: false },
  { name: 'p-256', fieldName: 'p-256-fr', field: new PrimeField(P256_N), tag: 5, honeyBadger: false },
];

export const CURVES: ReadonlyMap<CurveName, CurveConfig> = new Map(LIST.map((c) => [c.name, c]));

const ALIASES: ReadonlyMap<string, CurveName> = new Map([
  ['bls12-381', 'bls12-381'], ['bls12_381', 'bls12-381'], ['bls12381', 'bls12-381'],
  ['bn254', 'bn254'],
  ['curve25519', 'curve25519'], ['curve-25519', 'curve25519'],
  ['ed25519', 'ed25519'], ['ed-25519', 'ed25519'],
  ['secp256k1', 'secp256k1'], ['secp256-k1', 'secp256k1'],
  ['p-256', 'p-256'], ['p256', 'p-256'], ['nist-p256', 'p-256'], ['secp256r1', 'p-256'], ['secp256-r1', 'p-256'],
]);

/** The official "unknown curve" text (it quotes the trimmed, lower-cased input). */
export function unknownCurveMessage(normalized: string): string {
  return `Unknown MPC curve '${normalized}'. Supported curves: ${LIST.map((c) => c.name).join(', ')}`;
}

/** Parses a curve name (trimmed, case-insensitive, with aliases); unknown names throw `BuiltinError`. */
export function parseCurve(input: string): CurveConfig {
  const normalized = input.trim().toLowerCase();
  const name = ALIASES.get(normalized);
  if (name === undefined) throw new BuiltinError(unknownCurveMessage(normalized));
  return CURVES.get(name)!;
}

export function curveByName(name: CurveName): CurveConfig {
  return CURVES.get(name)!;
}

export const DEFAULT_CURVE: CurveName = 'bls12-381';
