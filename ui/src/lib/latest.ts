// Telling the answer to the newest request from answers to older ones. A
// search typed quickly, a table scrolled past a page, a detail pane switched
// to another person: each sends requests whose replies can come back in any
// order, and only the ones still current may land on screen.

/** A check, taken when a request starts, whether it is still current. */
export type IsCurrent = () => boolean;

export class Generations {
  private current = 0;

  /** Starts a new generation: checks taken before now turn false. Returns
   * the check for the generation it started. */
  next(): IsCurrent {
    this.current++;
    return this.now();
  }

  /** The check for the generation in force, shared by every request made
   * until next() is called (e.g. several pages of one search). */
  now(): IsCurrent {
    const mine = this.current;
    return () => mine === this.current;
  }
}
