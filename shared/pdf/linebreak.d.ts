/** The `linebreak` package (UAX #14) ships no types; this is the part the wrapper uses. */
declare module 'linebreak' {
  interface Break {
    /** Index in the string where the next line may start. */
    readonly position: number;
    /** A mandatory break (after a line feed). */
    readonly required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
