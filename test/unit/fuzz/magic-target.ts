// A toy target for the fuzz engine's tests: it throws only for inputs starting "FUZZ!", one branch per octet.

export function magic(input: Uint8Array): void {
  if (input.length < 5) return;
  if (input[0] !== 0x46) return;
  if (input[1] !== 0x55) return;
  if (input[2] !== 0x5a) return;
  if (input[3] !== 0x5a) return;
  if (input[4] !== 0x21) return;
  throw new Error('magic found');
}
