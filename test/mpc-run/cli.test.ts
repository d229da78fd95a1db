import { describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';
import { binary, clientsProgram, fixture, inputs } from './helpers.js';

const CLIENTS = binary(clientsProgram());

const info = (curve = 'bls12-381') =>
  binary(`
.version 9
.curve ${curve}
.function main()
  CALL Mpc.n_parties
  MOV r1, r0
  CALL Mpc.threshold
  MOV r2, r0
  CALL Mpc.curve
  PUSHARG r1
  PUSHARG r2
  PUSHARG r0
  CALL print
  LDI r0, 0
.end
`);

const files = { 'clients.stflb': CLIENTS };

describe('stoffel-jit run with client inputs (simulated MPC)', () => {
  it('client_mul: opens the product of the two clients\' inputs', () => {
    for (const [a, b] of [[6n, 7n], [-123456789n, 987654321n], [3037000499n, -3037000499n]] as const) {
      const r = cli(['run', fixture('vm-client_mul'), '--client-input', `0=${a}`, '--client-input', `1=${b}`, '--seed', '1']);
      expect(r.stdout).toBe(`Program returned: ${a * b}\n`);
      expect(r.stderr).toBe('Program returned a secret share, revealing...\n');
      expect(r.code).toBe(0);
    }
  });

  it('client_sub_order: ClientStore indices follow the sorted slots, not the flag order', () => {
    const r = cli(['run', fixture('vm-client_sub_order'), '--client-input', '1=100', '--client-input', '0=58']);
    expect(r.stdout).toBe(`Program returned: ${58 - 100}\n`);
    // Slots 0 and 5: index 1 is slot 5.
    const sparse = cli(['run', fixture('vm-client_sub_order'), '--client-input', '5=9', '--client-input', '0=20']);
    expect(sparse.stdout).toBe('Program returned: 11\n');
  });

  it('delivers client outputs, the returned secret first, decoded by the manifest types', () => {
    const r = cli(['run', 'clients.stflb', ...inputs(0, [-8, 5]), '--client-input', '1=true', '--show-client-outputs'], files);
    expect(r.stderr).toBe('Program returned a secret share, revealing...\n');
    expect(r.stdout).toBe(['Program returned: -13', 'Client 0 outputs: [-13, -40]', 'Client 1 outputs: [-13, true]', ''].join('\n'));
    expect(r.code).toBe(0);
    // Without the flag the outputs are not printed; a list value gives consecutive inputs.
    const quiet = cli(['run', 'clients.stflb', '--client-input', '0=[2, 3]', '--client-inputs', '1=false'], files);
    expect(quiet.stdout).toBe('Program returned: -1\n');
  });

  it('validates client inputs against the manifest with the runner messages (exit 1)', () => {
    const cases: [string[], string][] = [
      [[], 'program declares ClientStore input metadata; provide local client inputs'],
      [[...inputs(0, [1]), ...inputs(1, [1])], 'client slot 0 expects 2 inputs, got 1'],
      [[...inputs(0, [1, 2]), ...inputs(1, [1]), ...inputs(2, [1])], 'client slot 2 is not declared in the program client IO manifest'],
      [inputs(0, [1, 2]), 'client slot 1 is declared in the program client IO manifest but no input was provided'],
      [['--client-input', '0=1.5'], 'local coordinator client inputs support integers, booleans, 0x-prefixed hex bytes, and lists of those values'],
    ];
    for (const [args, message] of cases) {
      const r = cli(['run', 'clients.stflb', ...args], files);
      expect(r.stderr).toBe(`Error: ${message}\n`);
      expect(r.stdout).toBe('');
      expect(r.code).toBe(1);
    }
  });

  it('fails the run when a send targets an index with no known client (exit 4)', () => {
    const send = binary(`
.function main()
  .registers 17
  LDI r16, 5
  LDI r0, 1
  PUSHARG r0
  PUSHARG r16
  CALL MpcOutput.send_to_client
  LDI r0, 0
.end
`);
    const r = cli(['run', 's.stflb', '--expected-output-clients', '1'], { 's.stflb': send });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("Execution error in 'main': Client output target index 1 has no registered client (1 known)\n");
    expect(cli(['run', 's.stflb', '--expected-output-clients', '2'], { 's.stflb': send }).stdout).toBe('Program returned: 0\n');
  });
});

describe('MPC configuration on the command line', () => {
  it('defaults to n = 5, t = 1 and the manifest curve; flags override them', () => {
    expect(cli(['run', 'i.stflb'], { 'i.stflb': info('bn254') }).stdout).toBe('5 1 bn254\nProgram returned: 0\n');
    const r = cli(['run', 'i.stflb', '--parties', '7', '--threshold', '2', '--curve', 'BLS12_381'], { 'i.stflb': info('bn254') });
    expect(r.stdout).toBe('7 2 bls12-381\nProgram returned: 0\n');
  });

  it('refuses a topology or curve the simulator cannot run (exit 1)', () => {
    const r = cli(['run', 'i.stflb', '--parties', '3'], { 'i.stflb': info() });
    expect(r.stderr).toBe('Error: HoneyBadger requires n >= 3t + 1 parties (n = 3, t = 1)\n');
    expect(r.code).toBe(1);
    const secp = cli(['run', 'i.stflb'], { 'i.stflb': info('secp256k1') });
    expect(secp.stderr).toBe("Error: MPC curve 'secp256k1' is not supported by HoneyBadger backend\n");
    expect(cli(['run', 'i.stflb', '--parties', '0'], { 'i.stflb': info() }).code).toBe(1);
  });

  it('attaches no engine to a clear program (its manifest curve does not matter)', () => {
    const clear = binary('.version 9\n.curve secp256k1\n.function main()\nLDI r0, 42\n.end\n');
    expect(cli(['run', 'c.stflb'], { 'c.stflb': clear }).stdout).toBe('Program returned: 42\n');
  });

  it('--no-mpc runs like stoffel-run in local mode and cannot be combined with MPC options', () => {
    const r = cli(['run', fixture('vm-client_mul'), '--no-mpc']);
    expect(r.stderr).toBe("Execution error in 'main': Foreign function ClientStore.take_share failed: No client at index 0\n");
    expect(r.code).toBe(4);
    const both = cli(['run', fixture('vm-client_mul'), '--no-mpc', '--parties', '5']);
    expect(both.stderr).toBe('Error: --no-mpc cannot be combined with MPC options\n');
    expect(both.code).toBe(1);
  });

  it('the same seed gives the same run; another seed a different one', () => {
    const bls = fixture('vm-threshold_bls_bls12381');
    const a = cli(['run', bls, '--seed', '42']).stdout;
    expect(cli(['run', bls, '--seed', '42']).stdout).toBe(a);
    expect(cli(['run', bls, '--seed', '43']).stdout).not.toBe(a);
    expect(cli(['run', bls, '--seed', '0x2a']).stdout).not.toBe(a);
    expect(cli(['run', bls, '--seed', '0x2a']).stdout).toBe(cli(['run', bls, '--seed', '0x2a']).stdout);
  });

  it('lists the MPC options and accepted spellings in the help', () => {
    const r = cli(['run', '--help']);
    for (const flag of ['--client-input <SLOT=VALUE>', '--client-inputs', '--expected-output-clients', '--show-client-outputs',
      '--parties', '--threshold', '--curve', '--seed', '--no-mpc']) {
      expect(r.stdout).toContain(flag);
    }
  });
});
