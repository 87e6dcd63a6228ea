import pino from "pino";
import { getEnv } from "./env.server";
import { singleton } from "./singleton.server";

/**
 * JSON logs (pino). Cookies, authorization headers and Set-Cookie are
 * redacted: a session token must never reach a log file. Passwords are only
 * in request bodies, which are never logged.
 */
export const logger = singleton("logger", () =>
  pino({
    level: getEnv().LOG_LEVEL,
    base: { service: "ag-portal" },
    redact: {
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        'res.headers["set-cookie"]',
        "*.password",
        "*.token",
      ],
      censor: "[entfernt]",
    },
  }),
);
