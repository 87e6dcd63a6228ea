import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeHexLowerCase } from "@oslojs/encoding";

// Human-readable alphabet without l, o, 0, 1 (lucia-auth.com, "Sessions").
const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

/** 24 characters of 5 random bits each: 120 bits from the CSPRNG. */
export function generateSecureRandomString(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const byte of bytes) out += alphabet[byte >> 3];
  return out;
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Compares two hex hashes without leaking where they differ. */
export function hashesEqual(a: string, b: string): boolean {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  return ea.length === eb.length && constantTimeEqual(ea, eb);
}
