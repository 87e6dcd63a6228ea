import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Global roles; group roles come with the working groups and live in their own table. */
export const globalRoles = ["admin", "moderator", "member", "observer"] as const;
export type GlobalRole = (typeof globalRoles)[number];

// Timestamps are unix milliseconds: exact enough for sliding expiry and cheap to compare.
const timestampMs = (name: string) => integer(name, { mode: "timestamp_ms" });

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // Stored as typed, compared lowercased: the unique index below makes
    // "Anna@x.de" and "anna@x.de" the same account.
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    organisation: text("organisation"),
    role: text("role", { enum: globalRoles }).notNull().default("member"),
    passwordHash: text("password_hash").notNull(),
    createdAt: timestampMs("created_at").notNull(),
    deactivatedAt: timestampMs("deactivated_at"),
  },
  (t) => [uniqueIndex("users_email_lower_unique").on(sql`lower(${t.email})`)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    // Public half of the token; the secret half is only stored as its SHA-256 hash.
    id: text("id").primaryKey(),
    secretHash: text("secret_hash").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestampMs("created_at").notNull(),
    expiresAt: timestampMs("expires_at").notNull(),
    lastUsedAt: timestampMs("last_used_at").notNull(),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    role: text("role", { enum: globalRoles }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: integer("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampMs("created_at").notNull(),
    expiresAt: timestampMs("expires_at").notNull(),
    acceptedAt: timestampMs("accepted_at"),
    acceptedUserId: integer("accepted_user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestampMs("revoked_at"),
  },
  (t) => [index("invitations_email_idx").on(sql`lower(${t.email})`)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
