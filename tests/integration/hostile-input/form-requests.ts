import type { z } from "zod";
import { de } from "../../../app/i18n/de";
import {
  brokenPercentEncodings,
  hostileTexts,
  invalidUtf8,
  MANY_FIELDS,
  numberTexts,
  oddFieldNames,
  prototypeFieldNames,
  representativeTexts,
  type HostileText,
} from "../../fixtures/hostile-input";
import { asMultipart, asUrlencoded, BOUNDARY, type Body, type FieldValue, type FormFields } from "../../setup/hostile-requests";
import { fieldsOf, type FormCase } from "./form-cases";
import type { World } from "./world";

/**
 * The hostile requests for one form: the corpus in each field of an
 * otherwise valid filling, odd field names, and bodies that are wrong as a
 * whole. Besides "no 5xx", `expect` names the status a request must get and
 * `refusedWhole` asks for the refusal of the form as a whole (400 with the
 * German message) rather than an answer field by field. `document` sends it
 * as a browser without JavaScript does (the whole page is rendered).
 */
export type HostileRequest = { label: string; body: Body; expect?: number; refusedWhole?: boolean; document?: boolean; overLimitBy?: number };

const encode = (form: FormCase, fields: FormFields): Body => (form.multipart ? asMultipart(fields) : asUrlencoded(fields));
const entries = (values: Record<string, FieldValue>): FormFields => Object.entries(values);
const withField = (base: Record<string, FieldValue>, field: string, value: FieldValue | undefined): FormFields =>
  value === undefined ? entries(base).filter(([name]) => name !== field) : entries({ ...base, [field]: value });

/** Whether the schema reads a field as text (the text corpus is relevant) or as a number, choice or list (the numbers are). */
function isTextField(form: FormCase, field: string): boolean {
  let schema = form.schema?.shape[field] as z.ZodType | undefined;
  if (!schema) return field !== "file";
  for (;;) {
    const def = schema.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    if (def.innerType) schema = def.innerType;
    else if (def.type === "pipe" && def.in) schema = def.in;
    else return def.type === "string";
  }
}

/**
 * The texts for a text field: the corpus without the numbers, and without
 * what a urlencoded or multipart body cannot tell apart from another entry
 * (every lone surrogate arrives as U+FFFD; the sockets get them all).
 */
const sameOnTheWire = new Set(["lone low surrogate", "surrogates reversed"]);
const textCorpus = hostileTexts.filter((t) => !numberTexts.includes(t) && !sameOnTheWire.has(t.label));
const choiceCorpus = [...numberTexts, ...representativeTexts];
/** How many of the invalid byte sequences go into every field; the others go into the form's first field. */
const BYTES_PER_FIELD = 3;

/** The field filled with multi-byte text up to just under the body limit, the others valid. */
function justUnderLimit(form: FormCase, base: Record<string, FieldValue>, field: string, limit: number): HostileRequest {
  const rest = encode(form, withField(base, field, "")).bytes.length;
  const perChar = encode(form, withField(base, field, "ü")).bytes.length - rest;
  return { label: `${field}: multi-byte text to just under the body limit`, body: encode(form, withField(base, field, "ü".repeat(Math.floor((limit - rest - 256) / perChar)))) };
}

/** The corpus in one field, the others valid. */
function perField(form: FormCase, base: Record<string, FieldValue>, field: string, limit: number): HostileRequest[] {
  const text = isTextField(form, field);
  const bytesHere = text ? BYTES_PER_FIELD : 1;
  const one = (label: string, value: FieldValue | undefined): HostileRequest => ({ label: `${field}: ${label}`, body: encode(form, withField(base, field, value)) });
  const target = form.targets?.includes(field) ? textCorpus.map((t) => one(`after a valid address: ${t.label}`, `${String(base[field])}${t.value}`)) : [];
  return [
    ...(text ? textCorpus : choiceCorpus).map((t) => one(t.label, t.value)),
    ...target,
    ...invalidUtf8.slice(0, bytesHere).map((b) => one(`invalid UTF-8 ${b.label}`, b)),
    ...(form.multipart ? [] : brokenPercentEncodings.slice(0, bytesHere).map((b) => one(`broken percent-encoding ${b.label}`, b))),
    one("missing", undefined),
    { label: `${field}: repeated`, body: encode(form, [...entries(base), [field, "zweiter Wert"]]) },
    { label: `${field}: a file where text belongs`, body: asMultipart(withField(base, field, { file: "feld.txt", bytes: Buffer.from("Inhalt") })) },
    justUnderLimit(form, base, field, limit),
  ];
}

/** Per form: odd field names next to a valid filling, and the rest of the invalid bytes in its first field. */
function perForm(form: FormCase, base: Record<string, FieldValue>): HostileRequest[] {
  const fields = entries(base);
  const first = fieldsOf(form)[0] ?? "feld";
  const readsFields = fieldsOf(form).length > 0;
  const named = (name: string, refusedWhole = false): HostileRequest => ({
    label: `field named ${name.slice(0, 40)}${name.length > 40 ? "…" : ""}`,
    body: encode(form, [...fields, [name, "1"]]),
    refusedWhole: refusedWhole && readsFields,
  });
  const deep = (name: string) => name.split(/[.[]/).length > 100;
  return [
    ...[...prototypeFieldNames, ...oddFieldNames, `${first}[__proto__]`, `${first}.constructor`].map((name) => named(name, deep(name))),
    named(`${first}[200000000]`, true),
    ...(fieldsOf(form).length === 0
      ? []
      : [
          ...invalidUtf8.slice(BYTES_PER_FIELD).map((b) => ({ label: `${first}: invalid UTF-8 ${b.label}`, body: encode(form, withField(base, first, b)) })),
          ...(form.multipart ? [] : brokenPercentEncodings.slice(BYTES_PER_FIELD).map((b) => ({ label: `${first}: broken percent-encoding ${b.label}`, body: encode(form, withField(base, first, b)) }))),
        ]),
  ];
}

/** Per route (its action reads every form the same way): many fields, over the limit, files everywhere, other content types. */
function perRoute(form: FormCase, base: Record<string, FieldValue>, limit: number): HostileRequest[] {
  const fields = entries(base);
  const first = fieldsOf(form)[0] ?? "feld";
  const readsFields = fieldsOf(form).length > 0;
  const textFields = fields.map(([n, v]): [string, string] => [n, typeof v === "string" ? v : "datei"]);
  const form8 = asUrlencoded(textFields).bytes;
  const raw = (label: string, type: string | null, bytes: Buffer | string): HostileRequest => ({ label, body: { type, bytes: Buffer.from(bytes) } });
  // As many repetitions of the first field as fit in the body limit (at most MANY_FIELDS).
  const repeats = Math.min(MANY_FIELDS, Math.floor((Math.min(limit, 1024 * 1024) - 1024) / (encodeURIComponent(first).length + 20)));
  return [
    { label: `${MANY_FIELDS / 10} fields`, body: encode(form, [...fields, ...Array.from({ length: MANY_FIELDS / 10 }, (_, i): [string, string] => [`f${i}`, "x"])]), refusedWhole: readsFields },
    { label: `${first} ${repeats} times`, body: encode(form, [...fields, ...Array.from({ length: repeats }, (): [string, string] => [first, "x"])]), refusedWhole: readsFields },
    { label: "body over the limit", body: encode(form, fields), overLimitBy: 1, expect: 413 },
    { label: "every field a file", body: asMultipart(fields.map(([n]) => [n, { file: `${n}.bin`, bytes: Buffer.from([0xff, 0x00]) }])) },
    { label: "multipart, invalid UTF-8 in a field name", body: { type: asMultipart([]).type, bytes: Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="\xff\xfe"\r\n\r\n1\r\n`, "latin1"), asMultipart(fields).bytes]) } },
    { label: form.multipart ? "urlencoded instead of multipart" : "multipart instead of urlencoded", body: form.multipart ? asUrlencoded(textFields) : asMultipart(fields) },
    raw("no content type", null, form8),
    raw("text/plain", "text/plain", form8),
    raw("JSON", "application/json", JSON.stringify(Object.fromEntries(textFields))),
    raw("urlencoded declared as UTF-16", "application/x-www-form-urlencoded; charset=utf-16", form8),
    raw("multipart without boundary", "multipart/form-data", asMultipart(fields).bytes),
    raw("multipart with a foreign boundary", "multipart/form-data; boundary=anders", asMultipart(fields).bytes),
    raw("multipart cut off", asMultipart([]).type, asMultipart(fields).bytes.subarray(0, 40)),
    raw("only invalid UTF-8", "application/x-www-form-urlencoded", Buffer.from([0xff, 0xfe, 0x3d, 0xc0, 0x80, 0x26, 0xed, 0xa0, 0x80])),
    raw("empty body", "application/x-www-form-urlencoded", ""),
  ];
}

/** Whole pages rendered with a hostile value in every field (fewer: a page costs more than a data answer). */
const renderedTexts = ["NUL inside", "lone high surrogate", "10,000 characters"].map(
  (label) => representativeTexts.find((t) => t.label === label)!,
);

function inEveryField(form: FormCase, base: Record<string, FieldValue>, text: HostileText): HostileRequest {
  const values = Object.fromEntries(fieldsOf(form).map((f) => [f, text.value]));
  return { label: `every field: ${text.label}`, body: encode(form, entries({ ...base, ...values })) };
}

/** What a user who may use the form sends; `firstOfRoute` adds what the route's action reads the same for all its forms. */
export function permittedRequests(form: FormCase, w: World, limit: number, firstOfRoute: boolean): HostileRequest[] {
  const base = form.base(w);
  const fields = fieldsOf(form).filter((f) => firstOfRoute || f !== "intent");
  return [
    ...fields.flatMap((field) => perField(form, base, field, limit)),
    ...perForm(form, base),
    ...(firstOfRoute ? perRoute(form, base, limit) : []),
    ...renderedTexts.map((t) => ({ ...inEveryField(form, base, t), document: true })),
  ];
}

/**
 * What a user who may not use the form sends: a few texts in every field at
 * once, odd names, wrong bodies (not the many fields: what refuses them
 * comes after the permission, which the permitted user's batch reaches).
 */
export function refusedRequests(form: FormCase, w: World, limit: number, firstOfRoute: boolean): HostileRequest[] {
  const base = form.base(w);
  const strip = (r: HostileRequest): HostileRequest => ({ ...r, refusedWhole: false });
  return [
    ...representativeTexts.map((t) => inEveryField(form, base, t)),
    ...perForm(form, base).map(strip),
    ...(firstOfRoute ? perRoute(form, base, limit).filter((r) => !r.refusedWhole) : []),
  ];
}

export const refusalText = de.errors.badRequest;
