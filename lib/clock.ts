// The portal's clock: what "now" is when a use-case stamps a contract command (nowInstant)
// or the ledger times an entry (nextEntryTime). It is the system clock, except inside
// `runAtClock(clock, fn)`: the demo seed replays weeks of history through the real
// use-cases that way (drizzle/seed/history.ts), so every entry is signed and timed as if
// it had happened then. AsyncLocalStorage scopes the override to the calls made inside
// `fn`; anything else running in the process meanwhile still reads the system clock.
import { AsyncLocalStorage } from "node:async_hooks";

export interface Clock {
  now(): Date;
}

const scoped = new AsyncLocalStorage<Clock>();

export function currentTime(): Date {
  return scoped.getStore()?.now() ?? new Date();
}

export function runAtClock<T>(clock: Clock, fn: () => Promise<T>): Promise<T> {
  return scoped.run(clock, fn);
}

/** A clock that stands still until moved: the seed sets it to each step's time. */
export class SettableClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at.getTime());
  }
  set(at: Date): void {
    this.at = new Date(at.getTime());
  }
}
