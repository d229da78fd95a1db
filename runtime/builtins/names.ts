/**
 * Every name the official VM registers by default (builtins-core.md §1.1). Program functions may not use
 * them (`Function 'print' is already registered`), whether or not this runtime implements them yet.
 */

export const STANDARD_LIBRARY_NAMES: readonly string[] = [
  'create_object', 'create_array', 'get_field', 'get_or_create_array_field', 'set_field', 'array_length',
  'array_push', 'array_concat', 'array_repeat', 'array_equals', 'append', 'extend', 'copy', 'count', 'index',
  'pop', 'remove', 'insert', 'clear', 'reverse', 'sort', 'delete', 'len', 'range', 'slice', 'contains',
  'to_string', 'assert', 'print', 'type', 'create_closure', 'call_closure', 'get_upvalue', 'set_upvalue',
  'LocalStorage.store', 'LocalStorage.load', 'LocalStorage.retrieve', 'LocalStorage.delete',
  'LocalStorage.exists', 'ClientStore.get_number_clients', 'ClientStore.get_number_input_clients',
  'ClientStore.get_number_output_clients', 'ClientStore.take_share', 'ClientStore.take_share_bool',
  'ClientStore.take_share_fixed', 'MpcOutput.send_to_client',
];

export const MPC_BUILTIN_NAMES: readonly string[] = [
  'Share.from_clear', 'Share.from_clear_int', 'Share.from_clear_uint', 'Share.from_clear_fixed', 'Share.add',
  'Share.sub', 'Share.neg', 'Share.add_scalar', 'Share.mul_scalar', 'Share.mul', 'Share.batch_mul', 'Share.open',
  'Share.batch_open', 'Share.send_to_client', 'Share.interpolate_local', 'Share.get_type', 'Share.get_party_id',
  'Share.open_exp', 'Share.random', 'Share.random_field', 'Share.random_int', 'Share.get_commitment',
  'Share.commitment_count', 'Share.has_commitments', 'Share.mul_field', 'Share.add_field', 'Share.retag',
  'Share.open_field', 'Share.open_exp_custom', 'Bytes.concat', 'Bytes.from_string', 'Crypto.sha256',
  'Crypto.sha512', 'Crypto.hash_to_field', 'Crypto.field_inv', 'Crypto.point_x_to_field',
  'Crypto.field_to_scalar_bytes', 'Crypto.point_to_sec1', 'Crypto.hash_to_g1', 'Field.from_int', 'Field.zero',
  'Field.one', 'Field.is_zero', 'Field.eq', 'Field.add', 'Field.sub', 'Field.mul', 'Field.neg', 'Field.inverse',
  'Field.sqrt', 'Mpc.party_id', 'Mpc.n_parties', 'Mpc.threshold', 'Mpc.is_ready', 'Mpc.instance_id',
  'Mpc.protocol_name', 'Mpc.curve', 'Mpc.field', 'Mpc.has_capability', 'Mpc.capabilities', 'Mpc.rand',
  'Mpc.rand_int', 'Rbc.broadcast', 'Rbc.receive', 'Rbc.receive_any', 'Avss.get_commitment', 'Avss.get_key_name',
  'Avss.commitment_count', 'Avss.is_avss_share',
];

/** Bare method names with receiver `Share` and the canonical builtin each maps to (semantics.md §7.1). */
export const SHARE_METHODS: ReadonlyMap<string, string> = new Map([
  ...['add', 'sub', 'neg', 'add_scalar', 'mul_scalar', 'mul_field', 'add_field', 'retag', 'get_type',
    'get_party_id', 'get_commitment', 'commitment_count', 'has_commitments', 'mul', 'open', 'send_to_client',
    'open_exp', 'open_field', 'open_exp_custom'].map((m): [string, string] => [m, `Share.${m}`]),
  ['open_fixed', 'Share.open'],
]);

export const RESERVED_NAMES: ReadonlySet<string> = new Set([...STANDARD_LIBRARY_NAMES, ...MPC_BUILTIN_NAMES]);
