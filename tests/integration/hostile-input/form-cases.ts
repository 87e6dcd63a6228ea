import { z } from "zod";
import type { FieldValue } from "../../setup/hostile-requests";
import type { Person, World } from "./world";

/**
 * One form of an action: where it posts, who may use it and who may not,
 * a valid filling in the world, and the tables its action may write. The
 * fields that get the corpus are the schema's, so a field added to the
 * schema fails the test until the case gives it a valid value.
 */
export type FormCase = {
  /** The route's id in Remix's manifest. */
  route: string;
  /** The intent this form sends ("" for routes with one form). */
  intent: string;
  /** The form's zod schema (for the field list); null for an action that reads no fields. */
  schema: z.ZodObject | null;
  /** Fields the action reads besides the schema's (the upload's file). */
  extraFields?: string[];
  actor: Person | "anonymous";
  /** Someone the action must refuse; null when the form is open to everyone. */
  refused: Person | "anonymous" | null;
  params: (w: World) => Record<string, string>;
  /** A valid value for every field. */
  base: (w: World) => Record<string, FieldValue>;
  /** The tables a permitted request may change, within its world. */
  writes: string[];
  /** Sent as multipart/form-data, as the page does (uploads). */
  multipart?: boolean;
  /** Fields whose hostile values count against a limit (wrong passwords): fuzzed after the others, which the limit would otherwise stop. */
  last?: string[];
  /** Fields that name where to go next: the corpus is also put after their valid address. */
  targets?: string[];
};

/** The object schema of a discriminated union's option for one intent. */
export function optionFor(schema: z.ZodType, intent: string): z.ZodObject {
  const options = schema instanceof z.ZodDiscriminatedUnion ? (schema.options as z.ZodType[]) : [schema];
  for (const option of options) {
    const object = unwrap(option);
    const field = object.shape.intent as z.ZodType | undefined;
    if (field && intentValues(field).includes(intent)) return object;
  }
  throw new Error(`no option for intent ${intent}`);
}

/** Every intent a form schema (object, union, or several) accepts. */
export function intentsOf(...schemas: z.ZodType[]): string[] {
  return schemas.flatMap((schema) => {
    if (schema instanceof z.ZodDiscriminatedUnion) return intentsOf(...(schema.options as z.ZodType[]));
    const field = unwrap(schema).shape.intent as z.ZodType | undefined;
    return field ? intentValues(field) : [""];
  });
}

function unwrap(schema: z.ZodType): z.ZodObject {
  if (schema instanceof z.ZodPipe) return unwrap(schema.in as z.ZodType);
  if (schema instanceof z.ZodObject) return schema;
  throw new Error("a form schema of an unknown shape");
}

function intentValues(field: z.ZodType): string[] {
  if (field instanceof z.ZodLiteral) return [...field.values].map(String);
  if (field instanceof z.ZodEnum) return field.options.map(String);
  throw new Error("an intent field that is neither a literal nor an enum");
}

/** The fields that get the corpus: the schema's and the extra ones, those in `last` at the end. */
export function fieldsOf(form: FormCase): string[] {
  const all = [...Object.keys(form.schema?.shape ?? {}), ...(form.extraFields ?? [])];
  const last = form.last ?? [];
  return [...all.filter((f) => !last.includes(f)), ...all.filter((f) => last.includes(f))];
}
