import fc from 'fast-check';
import { seededRandom } from '../../../../runtime/shared/seeded-random.js';

/**
 * The random choices a generator makes. fast-check picks a seed per definition (so its runner
 * reports and replays the failing one); the choices come from the project's seeded PRNG, which
 * is ~50x cheaper than drawing each choice through `fc.gen()`. With FEATC_FUZZ_SHRINK=1 every
 * choice is drawn through `fc.gen()` instead, so a failing definition shrinks.
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
  /** Up to `maxLength` characters of any script: astral planes, combining marks, right-to-left. */
  text(maxLength: number): string;
}

/** Thrown by `pick([])`: a mutation finding nothing to break (e.g. a view an earlier mutation emptied). */
export class EmptyPick extends Error {
  constructor() {
    super('pick from an empty list');
  }
}

const CODE_POINT_RANGES: readonly [number, number][] = [
  [0x20, 0x7e], [0xa0, 0x24f], [0x300, 0x36f], [0x400, 0x4ff], [0x590, 0x6ff], [0x200b, 0x200f], [0x2028, 0x2029],
  [0x4e00, 0x4fff], [0xac00, 0xacff], [0xfb00, 0xfb06], [0xfe00, 0xfe0f], [0x1f300, 0x1f6ff], [0x1d400, 0x1d4ff], [0x10000, 0x100ff],
];

/** Every choice made from `int`; the rest is derived, so both sources behave alike. */
function drawOf(int: (min: number, max: number) => number): Draw {
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new EmptyPick();
    return items[int(0, items.length - 1)] as T;
  };
  return {
    int,
    // Small draws mean "false", so shrinking heads for simpler definitions.
    chance: (p) => int(0, 999) >= 1000 - Math.round(p * 1000),
    pick,
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
    text: (maxLength) => {
      let out = '';
      for (let n = int(0, maxLength); n > 0; n--) {
        const [lo, hi] = pick(CODE_POINT_RANGES);
        out += String.fromCodePoint(int(lo, hi));
      }
      return out;
    },
  };
}

export function seededDraw(seed: number): Draw {
  const random = seededRandom(seed);
  return drawOf((min, max) => min + Math.floor(random() * (max - min + 1)));
}

/** The arbitrary of a `Draw`-driven generator: `arbitraryOf((d) => validJob(d))`. */
export function arbitraryOf<T>(make: (draw: Draw) => T, shrinkable = process.env['FEATC_FUZZ_SHRINK'] === '1'): fc.Arbitrary<T> {
  if (shrinkable) return fc.gen().map((g) => make(drawOf((min, max) => g(fc.integer, { min, max }))));
  return fc.integer({ min: 0, max: 0x7fffffff }).map((seed) => make(seededDraw(seed)));
}
