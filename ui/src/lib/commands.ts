// Types over the generated command map (bindings/commands.ts), which Rust
// declares once: every command's feature, arguments and answer.

import type { Commands } from "./bindings/commands";

export type Command = keyof Commands;
export type ArgsOf<K extends Command> = Commands[K]["args"];
export type AnswerOf<K extends Command> = Commands[K]["answer"];
export type Feature = Commands[Command]["feature"];

/** One handler per command of feature `F` (every feature by default): a
 * stand-in backend missing a command, or answering the wrong type, fails
 * the type check. */
export type Handlers<F extends Feature = Feature> = {
  [K in Command as Commands[K]["feature"] extends F ? K : never]: (
    args: ArgsOf<K>,
  ) => AnswerOf<K> | Promise<AnswerOf<K>>;
};
