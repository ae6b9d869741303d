/** Log levels in Skaffold's order; a logger prints messages at or above its level. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "panic"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where Trestle's own messages go: leveled diagnostics on stderr. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface TextSink {
  write(text: string): unknown;
}

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

export function createLogger(sink: TextSink, level: LogLevel, colour: boolean): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const paint = (code: number, text: string): string => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const at = (lvl: LogLevel, prefix: string) => (message: string) => {
    if (LOG_LEVELS.indexOf(lvl) >= threshold) sink.write(`${prefix}${message}\n`);
  };
  return {
    debug: at("debug", paint(90, "DEBU ")),
    info: at("info", ""),
    warn: at("warn", paint(33, "WARN ")),
    error: at("error", paint(31, "ERRO ")),
  };
}

/** Whether to colour output written to this stream, honouring NO_COLOR and FORCE_COLOR. */
export function wantsColour(
  stream: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false;
  if (env["FORCE_COLOR"] !== undefined && env["FORCE_COLOR"] !== "0") return true;
  return stream.isTTY === true;
}
