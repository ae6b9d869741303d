/** Turning chunks of text into whole lines for `output` callbacks. */

/** Collects text and hands out complete lines (without `\n` or a trailing `\r`); `flush` emits the remainder. */
export class LineBuffer {
  private pending = "";

  constructor(private readonly emit: (line: string) => void) {}

  push(text: string): void {
    const parts = (this.pending + text).split("\n");
    this.pending = parts.pop() ?? "";
    for (const part of parts) this.emit(part.endsWith("\r") ? part.slice(0, -1) : part);
  }

  flush(): void {
    if (this.pending !== "") this.emit(this.pending);
    this.pending = "";
  }
}

/** Emits every line of a finished text (a command's whole output). */
export function emitLines(text: string, emit: (line: string) => void): void {
  const buffer = new LineBuffer(emit);
  buffer.push(text);
  buffer.flush();
}
