/** A Pol.is export file that cannot be read: names the file and the line, so a person can fix it. */
export class PolisFormatError extends Error {
  override readonly name = "PolisFormatError";
  constructor(
    /** e.g. "votes.csv" */
    readonly file: string,
    /** 1-based line of the offending record (1 is the header). */
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}, line ${line}: ${reason}`);
  }
}
