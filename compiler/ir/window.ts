/** Windows a feature is computed over; durations in milliseconds. */
export type IrWindow =
  | { readonly kind: 'tumbling'; readonly sizeMs: number }
  | { readonly kind: 'hopping'; readonly sizeMs: number; readonly slideMs: number }
  | { readonly kind: 'session'; readonly gapMs: number }
  | { readonly kind: 'sliding'; readonly rangeMs: number }
  | { readonly kind: 'lifetime' };

export const IrWindowNode = {
  tumbling: (sizeMs: number): IrWindow => ({ kind: 'tumbling', sizeMs }),
  hopping: (sizeMs: number, slideMs: number): IrWindow => ({ kind: 'hopping', sizeMs, slideMs }),
  session: (gapMs: number): IrWindow => ({ kind: 'session', gapMs }),
  sliding: (rangeMs: number): IrWindow => ({ kind: 'sliding', rangeMs }),
  lifetime: (): IrWindow => ({ kind: 'lifetime' }),
};
