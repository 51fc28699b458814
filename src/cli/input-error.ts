/** A problem with an input: the command line exits 2 and names the file. */
export class InputError extends Error {}
