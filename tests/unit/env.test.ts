import express from "express";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../app/server/env.server";

describe("environment check", () => {
  it("fills defaults for npm start", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATABASE_PATH: "data/portal.db",
      PUBLIC_ORIGIN: "http://localhost:3000",
      SECURE_COOKIES: false,
      SEED_DEMO: true,
      LOG_LEVEL: "info",
      PAGE_CACHE: true,
      DOC_UNLOAD_AFTER_MS: 30_000,
      DERIVE_COPY_IDLE_MS: 60_000,
      MAX_UNPACKED_BYTES: 256 * 1024 * 1024,
      MAX_COMPRESSION_RATIO: 100,
      MAX_ARCHIVE_ENTRIES: 10_000,
    });
    expect(parseEnv({ PAGE_CACHE: "off" }).PAGE_CACHE).toBe(false);
  });

  it("turns demo data off in production unless asked, and secure cookies on for https", () => {
    expect(parseEnv({ NODE_ENV: "production" }).SEED_DEMO).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", SEED_DEMO: "true" }).SEED_DEMO).toBe(true);
    expect(parseEnv({ PUBLIC_ORIGIN: "https://ag.thueringen.example/" })).toMatchObject({
      PUBLIC_ORIGIN: "https://ag.thueringen.example",
      SECURE_COOKIES: true,
    });
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["PUBLIC_ORIGIN", "ftp://x"],
    ["SECURE_COOKIES", "vielleicht"],
    ["SEED_DEMO", "2"],
    ["LOG_LEVEL", "laut"],
    ["PAGE_CACHE", "vielleicht"],
    ["DOC_UNLOAD_AFTER_MS", "0"],
    ["DOC_UNLOAD_AFTER_MS", "1,5"],
    ["DERIVE_COPY_IDLE_MS", "50"],
    ["DERIVE_COPY_IDLE_MS", "eine Minute"],
    ["MAX_UNPACKED_BYTES", "200 MB"],
    ["MAX_UNPACKED_BYTES", "0"],
    ["MAX_COMPRESSION_RATIO", "0"],
    ["MAX_COMPRESSION_RATIO", "1,5"],
    ["MAX_ARCHIVE_ENTRIES", "-1"],
    ["TRUST_PROXY", "ja"],
    ["TRUST_PROXY", "1.5"],
    ["TRUST_PROXY", "alle"],
    ["TRUST_PROXY", "10.0.0.300"],
    ["TRUST_PROXY", "10.0.0.0/33"],
    ["TRUST_PROXY", "10.0.0.0/0"],
    ["TRUST_PROXY", "loopback,"],
    ["TRUST_PROXY", "fe80::/129"],
  ])("a wrong %s=%s stops with a message naming it", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  it("trusts no proxy's X-Forwarded-For unless TRUST_PROXY names one, in the forms Express's trust proxy takes", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "" }).TRUST_PROXY).toBe(false);
    const accepted: Array<[string, unknown]> = [
      ["false", false],
      ["true", true],
      ["1", 1],
      ["2", 2],
      ["loopback", ["loopback"]],
      [" 10.0.0.5 , 10.1.0.0/16,uniquelocal", ["10.0.0.5", "10.1.0.0/16", "uniquelocal"]],
      ["::1, fd00::/8, linklocal", ["::1", "fd00::/8", "linklocal"]],
    ];
    for (const [text, setting] of accepted) {
      const value = parseEnv({ TRUST_PROXY: text }).TRUST_PROXY;
      expect(value, text).toEqual(setting);
      // What passes the check never makes app.set("trust proxy", …) throw at start.
      expect(() => express().set("trust proxy", value), text).not.toThrow();
    }
    expect(() => parseEnv({ TRUST_PROXY: "vielleicht" })).toThrow(/TRUST_PROXY="vielleicht": erwartet false, true, eine Anzahl Proxys/);
  });
});
