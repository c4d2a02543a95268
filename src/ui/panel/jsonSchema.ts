import { z } from 'zod';

/** The subset of JSON Schema that zod emits for our parameter objects. */
export interface JsonProp {
  type?: string;
  enum?: string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  description?: string;
  properties?: Record<string, JsonProp>;
  items?: JsonProp;
}

const cache = new WeakMap<z.ZodType, JsonProp>();

/** A schema's JSON form (its fields, types, bounds and defaults), computed once per schema. */
export function jsonSchemaOf(schema: z.ZodType): JsonProp {
  let j = cache.get(schema);
  if (!j) {
    j = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonProp;
    cache.set(schema, j);
  }
  return j;
}
