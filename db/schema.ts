import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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

// ── Working groups ──────────────────────────────────────────────────────────

export const groupStatuses = ["aktiv", "abgeschlossen", "archiviert"] as const;
export type GroupStatus = (typeof groupStatuses)[number];
/** intern: every signed-in user reads; vertraulich: members, admins and granted observers only. */
export const groupVisibilities = ["intern", "vertraulich"] as const;
export type GroupVisibility = (typeof groupVisibilities)[number];
export const groupRoles = ["moderation", "member"] as const;
export type GroupRole = (typeof groupRoles)[number];

export const groups = sqliteTable("groups", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  /** The congress track (Loge) or theme the group continues. */
  loge: text("loge"),
  description: text("description").notNull(),
  goals: text("goals").notNull().default(""),
  status: text("status", { enum: groupStatuses }).notNull().default("aktiv"),
  visibility: text("visibility", { enum: groupVisibilities }).notNull().default("intern"),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestampMs("created_at").notNull(),
  updatedAt: timestampMs("updated_at").notNull(),
});

export const groupMilestones = sqliteTable(
  "group_milestones",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** A calendar day (YYYY-MM-DD): a due date has no time of day. */
    dueDate: text("due_date"),
    doneAt: timestampMs("done_at"),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [index("group_milestones_group_idx").on(t.groupId)],
);

export const groupMembers = sqliteTable(
  "group_members",
  {
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: groupRoles }).notNull().default("member"),
    joinedAt: timestampMs("joined_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_members_user_idx").on(t.userId)],
);

/** Observers (ministry) granted to read a vertraulich group. */
export const groupObserverGrants = sqliteTable(
  "group_observer_grants",
  {
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    grantedBy: integer("granted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

export const requestStatuses = ["offen", "angenommen", "abgelehnt", "zurueckgezogen"] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** "Mitarbeit anfragen": a user asks to join; the group moderation decides. */
export const joinRequests = sqliteTable(
  "join_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    message: text("message").notNull().default(""),
    status: text("status", { enum: requestStatuses }).notNull().default("offen"),
    /** Why it was declined; the requester sees it. */
    reason: text("reason"),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestampMs("decided_at"),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [
    // One open request per person and group, enforced by the database.
    uniqueIndex("join_requests_one_open").on(t.groupId, t.userId).where(sql`status = 'offen'`),
  ],
);

/** The group moderation invites an existing user; the user accepts or declines. */
export const groupInvitations = sqliteTable(
  "group_invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: groupRoles }).notNull().default("member"),
    invitedBy: integer("invited_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: requestStatuses }).notNull().default("offen"),
    createdAt: timestampMs("created_at").notNull(),
    decidedAt: timestampMs("decided_at"),
  },
  (t) => [uniqueIndex("group_invitations_one_open").on(t.groupId, t.userId).where(sql`status = 'offen'`)],
);

// ── Topic intake "Wie weiter?" ──────────────────────────────────────────────

export const proposalStatuses = ["neu", "in_pruefung", "angenommen", "zusammengefuehrt", "abgelehnt"] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

export const topicProposals = sqliteTable(
  "topic_proposals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    description: text("description").notNull(),
    loge: text("loge"),
    proposerId: integer("proposer_id").references(() => users.id, { onDelete: "set null" }),
    /** "Ich möchte mitarbeiten" of the proposer. */
    wantsToParticipate: integer("wants_to_participate", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: proposalStatuses }).notNull().default("neu"),
    /** The group opened from it (angenommen) or merged into (zusammengefuehrt). */
    groupId: integer("group_id").references(() => groups.id, { onDelete: "set null" }),
    /** Reason of the last decision (required for abgelehnt), shown to the proposer. */
    reason: text("reason"),
    createdAt: timestampMs("created_at").notNull(),
    updatedAt: timestampMs("updated_at").notNull(),
  },
  (t) => [index("topic_proposals_status_idx").on(t.status)],
);

export const topicSupports = sqliteTable(
  "topic_supports",
  {
    proposalId: integer("proposal_id").notNull().references(() => topicProposals.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    wantsToParticipate: integer("wants_to_participate", { mode: "boolean" }).notNull().default(false),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] })],
);

export const topicComments = sqliteTable(
  "topic_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id").notNull().references(() => topicProposals.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [index("topic_comments_proposal_idx").on(t.proposalId)],
);

/** Every status change of a proposal: who, when, why. */
export const topicTransitions = sqliteTable(
  "topic_transitions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id").notNull().references(() => topicProposals.id, { onDelete: "cascade" }),
    fromStatus: text("from_status", { enum: proposalStatuses }).notNull(),
    toStatus: text("to_status", { enum: proposalStatuses }).notNull(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason"),
    groupId: integer("group_id").references(() => groups.id, { onDelete: "set null" }),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [index("topic_transitions_proposal_idx").on(t.proposalId)],
);

// ── Materials (talks and working papers) ────────────────────────────────────

export const materials = sqliteTable(
  "materials",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    /** For congress talks. */
    speaker: text("speaker"),
    loge: text("loge"),
    /** The uploaded name, cleaned; only used in Content-Disposition, never as a path. */
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** SHA-256 of the bytes (hex): the file's name in UPLOAD_DIR. */
    sha256: text("sha256").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [index("materials_group_idx").on(t.groupId), index("materials_sha_idx").on(t.sha256)],
);

export type Group = typeof groups.$inferSelect;
export type Milestone = typeof groupMilestones.$inferSelect;
export type Material = typeof materials.$inferSelect;
export type TopicProposal = typeof topicProposals.$inferSelect;

// ── Documents (co-edited recommendations, minutes, working papers) ─────────

export const documentKinds = ["empfehlung", "protokoll", "arbeitspapier"] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentStatuses = ["entwurf", "in_konsultation", "beschlossen", "uebergeben", "zurueckgezogen"] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export const documents = sqliteTable(
  "documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    kind: text("kind", { enum: documentKinds }).notNull(),
    status: text("status", { enum: documentStatuses }).notNull().default("entwurf"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampMs("created_at").notNull(),
    updatedAt: timestampMs("updated_at").notNull(),
    /** Deleted documents are kept (nothing is lost) and hidden. */
    deletedAt: timestampMs("deleted_at"),
    deletedBy: integer("deleted_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("documents_group_idx").on(t.groupId)],
);

/** Every status change of a document: who, when, from and to. */
export const documentStatusChanges = sqliteTable(
  "document_status_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id").notNull().references(() => documents.id, { onDelete: "cascade" }),
    fromStatus: text("from_status", { enum: documentStatuses }).notNull(),
    toStatus: text("to_status", { enum: documentStatuses }).notNull(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** Why (the group moderation's comment on the step). */
    comment: text("comment"),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [index("document_status_changes_doc_idx").on(t.documentId)],
);

export type PortalDocument = typeof documents.$inferSelect;

// ── Co-editing: the Yjs state of documents ──────────────────────────────────

/** Bytes stored as BLOB (Buffer in, Buffer out). */
const bytes = (name: string) => blob(name, { mode: "buffer" });

/**
 * Append-only log of Yjs updates. An update is written here before its
 * sender gets the acknowledgement; compaction folds old rows into the snapshot.
 */
export const docUpdates = sqliteTable(
  "doc_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id").notNull().references(() => documents.id, { onDelete: "cascade" }),
    update: bytes("update").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [index("doc_updates_document_idx").on(t.documentId, t.id)],
);

/** The compacted state of a document: everything up to and including upToUpdateId. */
export const docSnapshots = sqliteTable("doc_snapshots", {
  documentId: integer("document_id").primaryKey().references(() => documents.id, { onDelete: "cascade" }),
  state: bytes("state").notNull(),
  upToUpdateId: integer("up_to_update_id").notNull(),
  updatedAt: timestampMs("updated_at").notNull(),
});

/** The adopted text as it was when the status changed (Beschlossen), kept even if reopened later. */
export const documentVersions = sqliteTable(
  "document_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id").notNull().references(() => documents.id, { onDelete: "cascade" }),
    statusChangeId: integer("status_change_id").references(() => documentStatusChanges.id, { onDelete: "set null" }),
    /** Yjs state at that moment (encodeStateAsUpdate). */
    state: bytes("state").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [index("document_versions_doc_idx").on(t.documentId)],
);

// ── Discussion threads ──────────────────────────────────────────────────────

export const threads = sqliteTable(
  "threads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    /** The document this thread discusses, and optionally a heading in it (its text and anchor). */
    documentId: integer("document_id").references(() => documents.id, { onDelete: "set null" }),
    headingAnchor: text("heading_anchor"),
    headingText: text("heading_text"),
    pinnedAt: timestampMs("pinned_at"),
    lockedAt: timestampMs("locked_at"),
    lockedBy: integer("locked_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampMs("created_at").notNull(),
    /** For sorting the thread list by activity without a join. */
    lastPostAt: timestampMs("last_post_at").notNull(),
  },
  (t) => [index("threads_group_idx").on(t.groupId, t.lastPostAt), index("threads_document_idx").on(t.documentId)],
);

export const posts = sqliteTable(
  "posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id").notNull().references(() => threads.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    /** tiptap JSON (the post schema); HTML is rendered from it on the server, never stored from input. */
    body: text("body").notNull(),
    /** Plain text derived from body: search, notifications, quotes. */
    bodyText: text("body_text").notNull(),
    /** Quote-reply: the post this one quotes. */
    quotedPostId: integer("quoted_post_id"),
    createdAt: timestampMs("created_at").notNull(),
    editedAt: timestampMs("edited_at"),
    /** Deleted by its author: shown as "Beitrag gelöscht"; the row stays. */
    deletedAt: timestampMs("deleted_at"),
    /** Hidden by the group moderation, with a reason. */
    hiddenAt: timestampMs("hidden_at"),
    hiddenBy: integer("hidden_by").references(() => users.id, { onDelete: "set null" }),
    hiddenReason: text("hidden_reason"),
  },
  (t) => [index("posts_thread_idx").on(t.threadId, t.id)],
);

/** Earlier versions of edited posts; the group moderation sees them. */
export const postVersions = sqliteTable(
  "post_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id").notNull().references(() => posts.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    bodyText: text("body_text").notNull(),
    /** When this version was written (the post's createdAt or its previous editedAt). */
    writtenAt: timestampMs("written_at").notNull(),
    replacedAt: timestampMs("replaced_at").notNull(),
  },
  (t) => [index("post_versions_post_idx").on(t.postId)],
);

/** "Melden": a member reports a post; the group moderation handles the queue. */
export const postReports = sqliteTable(
  "post_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id").notNull().references(() => posts.id, { onDelete: "cascade" }),
    reporterId: integer("reporter_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    createdAt: timestampMs("created_at").notNull(),
    resolvedAt: timestampMs("resolved_at"),
    resolvedBy: integer("resolved_by").references(() => users.id, { onDelete: "set null" }),
    /** "ausgeblendet" or "abgewiesen". */
    resolution: text("resolution"),
  },
  (t) => [
    index("post_reports_post_idx").on(t.postId),
    uniqueIndex("post_reports_one_open").on(t.postId, t.reporterId).where(sql`resolved_at IS NULL`),
  ],
);

/** How far a user has read a thread: the highest post id seen. */
export const threadReads = sqliteTable(
  "thread_reads",
  {
    threadId: integer("thread_id").notNull().references(() => threads.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    lastReadPostId: integer("last_read_post_id").notNull(),
    readAt: timestampMs("read_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.userId] }), index("thread_reads_user_idx").on(t.userId)],
);

export type Thread = typeof threads.$inferSelect;
export type Post = typeof posts.$inferSelect;

// ── Notifications and mail ──────────────────────────────────────────────────

export const notificationKinds = [
  "mention",
  "reply",
  "new_thread",
  "new_document",
  "document_status",
  "join_request_answer",
  "topic_decision",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
/** portal: only the bell; sofort: also an e-mail at once; digest: also in the daily digest mail. */
export const notificationDeliveries = ["portal", "sofort", "digest"] as const;
export type NotificationDelivery = (typeof notificationDeliveries)[number];

export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: notificationKinds }).notNull(),
    groupId: integer("group_id").references(() => groups.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** One German sentence, e.g. "Anna Beispiel hat Sie in „Zugang“ erwähnt". */
    text: text("text").notNull(),
    /** A path inside the portal. */
    link: text("link").notNull(),
    createdAt: timestampMs("created_at").notNull(),
    readAt: timestampMs("read_at"),
    /** How it was to be delivered when created (the preference at that time). */
    delivery: text("delivery", { enum: notificationDeliveries }).notNull().default("portal"),
    /** The outbox mail that carries it (sofort or digest); null while none does. */
    mailId: integer("mail_id").references(() => mailOutbox.id, { onDelete: "set null" }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.id),
    index("notifications_pending_mail_idx").on(t.delivery, t.mailId),
  ],
);

export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: notificationKinds }).notNull(),
    delivery: text("delivery", { enum: notificationDeliveries }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Every mail is first a row here (written in the same transaction that claims
 * its notifications), then sent; sentAt marks it done. dedupKey makes a second
 * digest for the same user and day impossible.
 */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    /** e.g. "digest:12:2026-12-02" or "sofort:345". */
    dedupKey: text("dedup_key").notNull().unique(),
    createdAt: timestampMs("created_at").notNull(),
    sentAt: timestampMs("sent_at"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /**
     * The lease of the sender sending this mail now (claimMail): the server's
     * scheduler and `npm run digest` may run at once, and only the claimer
     * sends. A sender that dies leaves the claim to expire; then the row is
     * sent again.
     */
    claimedUntil: timestampMs("claimed_until"),
    claimedBy: text("claimed_by"),
  },
  (t) => [index("mail_outbox_unsent_idx").on(t.sentAt)],
);

// ── Following groups, activity, feeds, derived document content ─────────────

/**
 * Who follows a group. Members follow their groups implicitly; observers
 * follow every intern group implicitly; a row with following=false is an
 * explicit opt-out, following=true an explicit follow.
 */
export const groupFollows = sqliteTable(
  "group_follows",
  {
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    following: integer("following", { mode: "boolean" }).notNull(),
    updatedAt: timestampMs("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_follows_user_idx").on(t.userId)],
);

export const activityKinds = [
  "group_created",
  "document_created",
  "document_status",
  "thread_created",
  "post_created",
  "member_joined",
  "member_left",
  "material_added",
  "milestone_added",
  "milestone_done",
] as const;
export type ActivityKind = (typeof activityKinds)[number];

/** What happened in a group, written by the models as it happens: the activity feeds and the dashboard read it. */
export const activities = sqliteTable(
  "activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: activityKinds }).notNull(),
    /** The id of the document, thread, post, material, milestone or member it is about. */
    subjectId: integer("subject_id"),
    /** The subject's title at that time (a document title, a thread title, a member's name). */
    title: text("title").notNull(),
    /** Extra words, e.g. the new status. */
    detail: text("detail"),
    /** A path inside the portal. */
    link: text("link").notNull(),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [index("activities_group_idx").on(t.groupId, t.id), index("activities_created_idx").on(t.createdAt)],
);

/** Personal tokens for Atom feeds and the JSON endpoint: only the SHA-256 hash is stored. */
export const feedTokens = sqliteTable(
  "feed_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    label: text("label").notNull(),
    createdAt: timestampMs("created_at").notNull(),
    lastUsedAt: timestampMs("last_used_at"),
    revokedAt: timestampMs("revoked_at"),
  },
  (t) => [index("feed_tokens_user_idx").on(t.userId)],
);

/** A document's content derived from its Y.Doc (debounced while edited, and on unload): server view, search, observers. */
export const documentContents = sqliteTable("document_contents", {
  documentId: integer("document_id").primaryKey().references(() => documents.id, { onDelete: "cascade" }),
  json: text("json").notNull(),
  text: text("text").notNull(),
  html: text("html").notNull(),
  updatedAt: timestampMs("updated_at").notNull(),
});
