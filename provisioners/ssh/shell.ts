// Quoting for the POSIX shell commands polyvisor runs on hosts.

/** Single-quotes a word for sh. */
export function quote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Joins words into a command line, each quoted. */
export function command(...words: readonly string[]): string {
  return words.map(quote).join(" ");
}
