import { z } from 'zod';

/** The value types a feature (or a source field) may have: docs/CONTRACTS.md › Feature records. */
export type FeatureValueType =
  | 'boolean' | 'int' | 'bigint' | 'float' | 'double' | 'string' | 'timestamp'
  | { array: FeatureValueType }
  | { row: Record<string, FeatureValueType> };

export const SCALAR_VALUE_TYPES = ['boolean', 'int', 'bigint', 'float', 'double', 'string', 'timestamp'] as const;

export const featureValueTypeSchema: z.ZodType<FeatureValueType> = z.lazy(() =>
  z.union([
    z.enum(SCALAR_VALUE_TYPES),
    z.object({ array: featureValueTypeSchema }).strict(),
    z.object({ row: z.record(z.string(), featureValueTypeSchema) }).strict(),
  ], { error: `not a feature value type (${SCALAR_VALUE_TYPES.join(', ')}, { array: … } or { row: { … } })` }),
);
