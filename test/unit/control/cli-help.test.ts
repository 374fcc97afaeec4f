// tsdns-control's help: --help prints the usage on stdout with exit 0; -h and no command exit 1 as nsd-control's do.
import t from 'tap';
import { controlMain } from '../../../src/cli/control-command.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await controlMain(argv, { out: (s) => void (out += s), err: (s) => void (err += s), stdin: async () => [] });
  return { code, out, err };
}

t.test('--help, -h and no command', async (t) => {
  const help = await run(['--help']);
  t.match(help, { code: 0, err: '' });
  t.match(help.out, /^Usage:\ttsdns-control \[options\] command\n/);
  t.match(help.out, /force_transfer \[<zone>\]/);
  t.match(await run(['-h']), { code: 1, out: help.out, err: '' }, '-h: nsd-control\'s exit status');
  t.match(await run(['-c', '/nonexistent.conf']), { code: 1, out: help.out }, 'no command: the usage, exit 1');
  t.match(await run(['--bogus']), { code: 1, out: '', err: /unknown option --bogus/ });
});
