#!/usr/bin/env node
import { runCli } from './run';

// A reader that stops early (`| head`) closes the pipe: what is left unwritten is not wanted, which is no error. Any
// other failure to write (a full disk) leaves the report incomplete: exit 2, as for an input that cannot be read, not 1
// ("errors found"), with one line instead of a stack trace.
let failed = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || failed) return;
    failed = true;
    try {
      process.stderr.write(`validate-user-pool-clients: could not write the ${stream === process.stdout ? 'report' : 'messages'} (${e.code ?? e.message}); the output is incomplete.\n`);
    } finally {
      process.exit(2);
    }
  });
}

process.exitCode = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
