import fc from 'fast-check';

/**
 * The random choices a generator makes, drawn through fast-check's `fc.gen()` so a failing
 * definition shrinks (fewer views, features, simpler names) and replays from the seed.
 */
export interface Draw {
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability about `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A random subset of `items` (order kept) of size in [min, max]. */
  subset<T>(items: readonly T[], min: number, max?: number): T[];
  shuffle<T>(items: readonly T[]): T[];
  /** A string from fast-check's own string arbitrary (full unicode graphemes). */
  text(maxLength: number): string;
}

/** Thrown by `pick([])`: a mutation finding nothing to break (e.g. a view an earlier mutation emptied). */
export class EmptyPick extends Error {
  constructor() {
    super('pick from an empty list');
  }
}

type Gen = Parameters<Parameters<ReturnType<typeof fc.gen>['map']>[0]>[0];

export function drawFrom(g: Gen): Draw {
  const int = (min: number, max: number): number => g(fc.integer, { min, max });
  const draw: Draw = {
    int,
    // Shrinks towards 0, i.e. towards "false": simpler definitions.
    chance: (p) => int(0, 999) >= 1000 - Math.round(p * 1000),
    pick: (items) => {
      if (items.length === 0) throw new EmptyPick();
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    subset: (items, min, max = items.length) => {
      const size = int(Math.min(min, items.length), Math.min(max, items.length));
      const chosen = new Set<number>();
      while (chosen.size < size) chosen.add(int(0, items.length - 1));
      return items.filter((_, i) => chosen.has(i));
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
    text: (maxLength) => g(fc.string, { unit: 'grapheme', maxLength }),
  };
  return draw;
}

/** The arbitrary of a `Draw`-driven generator: `arbitraryOf((d) => makeSpec(d))`. */
export function arbitraryOf<T>(make: (draw: Draw) => T): fc.Arbitrary<T> {
  return fc.gen().map((g) => make(drawFrom(g)));
}
