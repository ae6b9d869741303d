/**
 * Dockerfile evaluation for dependency listing and inferred sync, with BuildKit's scoping rules: `ARG`s before
 * the first `FROM` are global and only visible in `FROM` lines (or in a stage that re-declares them); a stage's
 * `ARG` takes the build arg, else its default; `ENV` overrides `ARG`; a stage built `FROM` an earlier stage
 * inherits its `ENV` and `WORKDIR`. `ONBUILD` and instructions that do not read the context are ignored.
 */
import { posix } from "node:path";
import { userError } from "../../errors/errors.js";
import { flagValue, type Instruction, type ParsedDockerfile } from "./parse.js";
import { expandWord, splitWords } from "./shell-word.js";

/** A `COPY` or `ADD` that reads the build context. */
export interface ContextCopy {
  readonly instruction: "copy" | "add";
  /** Source patterns relative to the context (cleaned, `/` separators, may hold `*`, `?`, `[…]`). */
  readonly sources: readonly string[];
  /** Absolute destination in the image, resolved against the WORKDIR. */
  readonly dest: string;
  /** The destination names a directory (ends in `/`, or is `.`/`..`). */
  readonly destIsDir: boolean;
  readonly line: number;
}

/** One `FROM` stage. */
export interface Stage {
  readonly index: number;
  /** The `AS` name, lower-cased. */
  readonly name?: string;
  /** The expanded base: an image reference or an earlier stage's name; empty when an ARG left it unset. */
  readonly base: string;
  /** The base is an earlier stage (or `scratch`), not an image. */
  readonly baseIsStage: boolean;
  readonly copies: readonly ContextCopy[];
  /** Context paths read by `RUN --mount=type=bind` without `from` (`.` when no source is given). */
  readonly mounts: readonly string[];
}

/** What the evaluation found. */
export interface DockerfileStages {
  readonly stages: readonly Stage[];
  /** Every ARG name declared anywhere (global or in a stage). */
  readonly declaredArgs: ReadonlySet<string>;
}

export interface EvaluateOptions {
  /** Evaluated build args; `null` means "declared without a value" (the Dockerfile default applies). */
  readonly buildArgs?: Readonly<Record<string, string | null>>;
  /** The WORKDIR of a base image, for inferred sync destinations; `/` when unknown. */
  readonly baseWorkdir?: (image: string) => string | undefined;
}

const REMOTE_SOURCE = /^(https?:\/\/|git@|<<)/;

interface StageState {
  readonly vars: Map<string, string>;
  readonly env: Map<string, string>;
  workdir: string;
}

/** A context-relative source: no leading `/`, cleaned, never above the context root. */
export function contextPath(source: string): string {
  const clean = posix.normalize(`/${source}`);
  const trimmed = clean.length > 1 && clean.endsWith("/") ? clean.slice(0, -1) : clean;
  return trimmed === "/" ? "." : trimmed.slice(1);
}

function resolveDir(cwd: string, target: string): string {
  return posix.resolve(cwd, target);
}

class Evaluator {
  readonly stages: Stage[] = [];
  readonly declaredArgs = new Set<string>();
  private readonly globals = new Map<string, string>();
  private readonly stageStates = new Map<string, StageState>();
  private state: StageState | undefined;
  private copies: ContextCopy[] = [];
  private mounts: string[] = [];

  constructor(
    private readonly escape: string,
    private readonly options: EvaluateOptions,
  ) {}

  private lookup = (name: string): string | undefined =>
    this.state === undefined
      ? this.globals.get(name)
      : (this.state.env.get(name) ?? this.state.vars.get(name));

  private expand(word: string): string {
    return expandWord(word, this.lookup, this.escape);
  }

  private buildArg(name: string): string | undefined {
    return this.options.buildArgs?.[name] ?? undefined;
  }

  arg(instruction: Instruction): void {
    for (const word of splitWords(instruction.args, this.escape)) {
      const eq = word.indexOf("=");
      const name = eq < 0 ? word : word.slice(0, eq);
      this.declaredArgs.add(name);
      const fallback =
        eq < 0
          ? this.state === undefined
            ? undefined
            : this.globals.get(name)
          : this.expand(word.slice(eq + 1));
      const value = this.buildArg(name) ?? fallback;
      const scope = this.state === undefined ? this.globals : this.state.vars;
      if (value === undefined) scope.delete(name);
      else scope.set(name, value);
    }
  }

  from(instruction: Instruction): void {
    this.finishStage();
    this.state = undefined; // FROM sees only the global ARGs
    const words = splitWords(instruction.args, this.escape);
    // Empty when it names a build arg that only a required artifact provides (Skaffold tolerates that too).
    const image = this.expand(words[0] ?? "");
    const name = words[1]?.toLowerCase() === "as" ? words[2]?.toLowerCase() : undefined;
    const parent = this.stageStates.get(image.toLowerCase());
    const baseIsStage = parent !== undefined || image.toLowerCase() === "scratch";
    const workdir = parent?.workdir ?? (baseIsStage ? "/" : (this.options.baseWorkdir?.(image) ?? "/"));
    this.state = { vars: new Map(), env: new Map(parent?.env ?? []), workdir: workdir || "/" };
    this.stages.push({
      index: this.stages.length,
      ...(name === undefined ? {} : { name }),
      base: image,
      baseIsStage,
      copies: [],
      mounts: [],
    });
  }

  private finishStage(): void {
    const last = this.stages.at(-1);
    if (last === undefined || this.state === undefined) return;
    this.stages[last.index] = { ...last, copies: this.copies, mounts: this.mounts };
    if (last.name !== undefined) this.stageStates.set(last.name, this.state);
    this.copies = [];
    this.mounts = [];
  }

  private inStage(instruction: Instruction): StageState {
    if (this.state === undefined) {
      throw userError(
        "DOCKERFILE_PARSE",
        `line ${instruction.startLine}: ${instruction.keyword.toUpperCase()} before the first FROM`,
      );
    }
    return this.state;
  }

  env(instruction: Instruction): void {
    const state = this.inStage(instruction);
    const words = splitWords(instruction.args, this.escape);
    if (words[0] !== undefined && !words[0].includes("=")) {
      const value = instruction.args.trimStart().slice(words[0].length).trim();
      state.env.set(words[0], this.expand(value));
      return;
    }
    for (const word of words) {
      const eq = word.indexOf("=");
      if (eq > 0) state.env.set(word.slice(0, eq), this.expand(word.slice(eq + 1)));
    }
  }

  workdir(instruction: Instruction): void {
    const state = this.inStage(instruction);
    state.workdir = resolveDir(state.workdir, this.expand(instruction.args.trim()));
  }

  copy(instruction: Instruction, kind: "copy" | "add"): void {
    const state = this.inStage(instruction);
    if (flagValue(instruction.flags, "from") !== undefined) return;
    const words = (instruction.json ?? instruction.args.split(/\s+/).filter((w) => w !== "")).map((w) =>
      REMOTE_SOURCE.test(w) ? w : this.expand(w),
    );
    const rawDest = words.pop();
    if (rawDest === undefined || words.length === 0) {
      throw userError(
        "DOCKERFILE_PARSE",
        `line ${instruction.startLine}: ${kind.toUpperCase()} requires a source and a destination`,
      );
    }
    const sources = words.filter((w) => !REMOTE_SOURCE.test(w)).map(contextPath);
    if (sources.length === 0) return;
    const base = posix.basename(rawDest);
    this.copies.push({
      instruction: kind,
      sources,
      dest: resolveDir(state.workdir, rawDest),
      destIsDir: rawDest.endsWith("/") || base === "." || base === "..",
      line: instruction.startLine,
    });
  }

  run(instruction: Instruction): void {
    this.inStage(instruction);
    for (const flag of instruction.flags) {
      if (!flag.startsWith("--mount=")) continue;
      const fields = new Map(
        flag
          .slice("--mount=".length)
          .split(",")
          .map((f): [string, string] => {
            const eq = f.indexOf("=");
            return eq < 0 ? [f, ""] : [f.slice(0, eq), f.slice(eq + 1)];
          }),
      );
      if (fields.get("type") !== "bind" || fields.has("from")) continue;
      this.mounts.push(contextPath(this.expand(fields.get("source") ?? fields.get("src") ?? ".")));
    }
  }

  finish(): DockerfileStages {
    this.finishStage();
    return { stages: this.stages, declaredArgs: this.declaredArgs };
  }
}

/** Evaluates the stages of a parsed Dockerfile with the given build args. */
export function evaluateStages(parsed: ParsedDockerfile, options: EvaluateOptions = {}): DockerfileStages {
  const evaluator = new Evaluator(parsed.escape, options);
  for (const instruction of parsed.instructions) {
    switch (instruction.keyword) {
      case "arg":
        evaluator.arg(instruction);
        break;
      case "from":
        evaluator.from(instruction);
        break;
      case "env":
        evaluator.env(instruction);
        break;
      case "workdir":
        evaluator.workdir(instruction);
        break;
      case "copy":
      case "add":
        evaluator.copy(instruction, instruction.keyword);
        break;
      case "run":
        evaluator.run(instruction);
        break;
      default:
        break;
    }
  }
  return evaluator.finish();
}
