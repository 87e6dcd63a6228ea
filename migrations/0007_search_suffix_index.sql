-- Search, second form (docs/decisions/008-search-suffix-index.md).
-- The trigram index of 0006 read doclists of trigrams found in nearly every row ("ung",
-- "ver") for every word of a query: 2–3 word queries took 250–500 ms over a million posts.
-- Now: search_docs, a plain table the triggers keep exactly as they kept search_index (same
-- rowids, folded and raw text), and search_fts, a contentless FTS5 index whose tokens are
-- every word and each of its suffixes of at least 3 characters ("digitalrathaus",
-- "igitalrathaus", …, "rathaus", …, "aus"). A part of a compound word is then the start of
-- one of those tokens: "rathaus" and "zugang" are prefix queries ("zugang"*) that read only
-- the doclists of words that contain them. The suffixes are made in JavaScript
-- (app/search/word-parts.ts), so triggers only mark a changed row in search_dirty and the
-- application indexes it (app/models/search-index.server.ts): before each search and in the
-- background. Any writer, also one without the application's functions (sqlite3, another
-- process), keeps the index correct.
CREATE TABLE search_docs (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	ref_id INTEGER NOT NULL,
	group_id INTEGER,
	parent_id INTEGER,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	raw_title TEXT NOT NULL,
	raw_body TEXT NOT NULL
);
--> statement-breakpoint
INSERT INTO search_docs (id, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body FROM search_index;
--> statement-breakpoint
DROP TRIGGER search_groups_ai;
--> statement-breakpoint
DROP TRIGGER search_groups_au;
--> statement-breakpoint
DROP TRIGGER search_groups_ad;
--> statement-breakpoint
DROP TRIGGER search_topic_proposals_ai;
--> statement-breakpoint
DROP TRIGGER search_topic_proposals_au;
--> statement-breakpoint
DROP TRIGGER search_topic_proposals_ad;
--> statement-breakpoint
DROP TRIGGER search_materials_ai;
--> statement-breakpoint
DROP TRIGGER search_materials_au;
--> statement-breakpoint
DROP TRIGGER search_materials_ad;
--> statement-breakpoint
DROP TRIGGER search_documents_ai;
--> statement-breakpoint
DROP TRIGGER search_documents_au;
--> statement-breakpoint
DROP TRIGGER search_documents_ad;
--> statement-breakpoint
DROP TRIGGER search_posts_ai;
--> statement-breakpoint
DROP TRIGGER search_posts_au;
--> statement-breakpoint
DROP TRIGGER search_posts_ad;
--> statement-breakpoint
DROP TRIGGER search_document_contents_ai;
--> statement-breakpoint
DROP TRIGGER search_document_contents_au;
--> statement-breakpoint
DROP TRIGGER search_document_contents_ad;
--> statement-breakpoint
DROP TRIGGER search_threads_au;
--> statement-breakpoint
DROP TABLE search_index;
--> statement-breakpoint
-- Rows of search_docs whose entry in search_fts must be (re)built or removed. The triggers
-- below test for an existing mark instead of INSERT OR IGNORE: inside a trigger the outer
-- statement's conflict policy would override the IGNORE.
CREATE TABLE search_dirty (id INTEGER PRIMARY KEY);
--> statement-breakpoint
INSERT INTO search_dirty (id) SELECT id FROM search_docs;
--> statement-breakpoint
-- prefix='3': a 3-character part ("amt", "ung") is one doclist instead of a merge of every word containing it.
CREATE VIRTUAL TABLE search_fts USING fts5(
	title, body,
	content = '', contentless_delete = 1, prefix = '3',
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
	INSERT INTO search_dirty (id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
	INSERT INTO search_dirty (id) SELECT old.id WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE id = old.id);
	INSERT INTO search_dirty (id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
	INSERT INTO search_dirty (id) SELECT old.id WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE id = old.id);
END;
--> statement-breakpoint
CREATE TRIGGER search_groups_ai AFTER INSERT ON groups BEGIN
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 5 * 1099511627776 + g.id, 'group', g.id, g.id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(g.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(g.description || ' ' || g.goals, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), g.title, g.description || char(10) || g.goals
	FROM groups g WHERE g.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_groups_au AFTER UPDATE OF title, description, goals ON groups BEGIN
	DELETE FROM search_docs WHERE rowid = 5 * 1099511627776 + old.id;
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 5 * 1099511627776 + g.id, 'group', g.id, g.id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(g.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(g.description || ' ' || g.goals, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), g.title, g.description || char(10) || g.goals
	FROM groups g WHERE g.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_groups_ad AFTER DELETE ON groups BEGIN
	DELETE FROM search_docs WHERE rowid = 5 * 1099511627776 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_topic_proposals_ai AFTER INSERT ON topic_proposals BEGIN
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 4 * 1099511627776 + tp.id, 'topic', tp.id, NULL, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(tp.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(tp.description, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), tp.title, tp.description
	FROM topic_proposals tp WHERE tp.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_topic_proposals_au AFTER UPDATE OF title, description ON topic_proposals BEGIN
	DELETE FROM search_docs WHERE rowid = 4 * 1099511627776 + old.id;
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 4 * 1099511627776 + tp.id, 'topic', tp.id, NULL, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(tp.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(tp.description, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), tp.title, tp.description
	FROM topic_proposals tp WHERE tp.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_topic_proposals_ad AFTER DELETE ON topic_proposals BEGIN
	DELETE FROM search_docs WHERE rowid = 4 * 1099511627776 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_materials_ai AFTER INSERT ON materials BEGIN
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 3 * 1099511627776 + m.id, 'material', m.id, m.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(m.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(m.description, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), m.title, coalesce(m.description, '')
	FROM materials m WHERE m.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_materials_au AFTER UPDATE ON materials BEGIN
	DELETE FROM search_docs WHERE rowid = 3 * 1099511627776 + old.id;
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 3 * 1099511627776 + m.id, 'material', m.id, m.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(m.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(m.description, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), m.title, coalesce(m.description, '')
	FROM materials m WHERE m.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_materials_ad AFTER DELETE ON materials BEGIN
	DELETE FROM search_docs WHERE rowid = 3 * 1099511627776 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_documents_ai AFTER INSERT ON documents BEGIN
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 2 * 1099511627776 + d.id, 'document', d.id, d.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(d.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(c.text, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), d.title, coalesce(c.text, '')
	FROM documents d LEFT JOIN document_contents c ON c.document_id = d.id WHERE d.deleted_at IS NULL AND d.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_documents_au AFTER UPDATE ON documents BEGIN
	DELETE FROM search_docs WHERE rowid = 2 * 1099511627776 + old.id;
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 2 * 1099511627776 + d.id, 'document', d.id, d.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(d.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(c.text, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), d.title, coalesce(c.text, '')
	FROM documents d LEFT JOIN document_contents c ON c.document_id = d.id WHERE d.deleted_at IS NULL AND d.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_documents_ad AFTER DELETE ON documents BEGIN
	DELETE FROM search_docs WHERE rowid = 2 * 1099511627776 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_posts_ai AFTER INSERT ON posts BEGIN
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 1 * 1099511627776 + p.id, 'post', p.id, t.group_id, t.id, lower(replace(replace(replace(replace(replace(replace(replace(replace(t.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(p.body_text, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), t.title, p.body_text
	FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_posts_au AFTER UPDATE ON posts BEGIN
	DELETE FROM search_docs WHERE rowid = 1 * 1099511627776 + old.id;
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 1 * 1099511627776 + p.id, 'post', p.id, t.group_id, t.id, lower(replace(replace(replace(replace(replace(replace(replace(replace(t.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(p.body_text, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), t.title, p.body_text
	FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_posts_ad AFTER DELETE ON posts BEGIN
	DELETE FROM search_docs WHERE rowid = 1 * 1099511627776 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_document_contents_ai AFTER INSERT ON document_contents BEGIN
	DELETE FROM search_docs WHERE rowid = 2 * 1099511627776 + new.document_id;
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 2 * 1099511627776 + d.id, 'document', d.id, d.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(d.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(c.text, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), d.title, coalesce(c.text, '')
	FROM documents d LEFT JOIN document_contents c ON c.document_id = d.id WHERE d.deleted_at IS NULL AND d.id = new.document_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_document_contents_au AFTER UPDATE ON document_contents BEGIN
	DELETE FROM search_docs WHERE rowid = 2 * 1099511627776 + new.document_id;
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 2 * 1099511627776 + d.id, 'document', d.id, d.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(d.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(c.text, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), d.title, coalesce(c.text, '')
	FROM documents d LEFT JOIN document_contents c ON c.document_id = d.id WHERE d.deleted_at IS NULL AND d.id = new.document_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_document_contents_ad AFTER DELETE ON document_contents BEGIN
	DELETE FROM search_docs WHERE rowid = 2 * 1099511627776 + old.document_id;
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 2 * 1099511627776 + d.id, 'document', d.id, d.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(d.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(c.text, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), d.title, coalesce(c.text, '')
	FROM documents d LEFT JOIN document_contents c ON c.document_id = d.id WHERE d.deleted_at IS NULL AND d.id = old.document_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_threads_au AFTER UPDATE OF title ON threads BEGIN
	DELETE FROM search_docs WHERE rowid IN (SELECT 1099511627776 + id FROM posts WHERE thread_id = new.id);
	INSERT INTO search_docs (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 1 * 1099511627776 + p.id, 'post', p.id, t.group_id, t.id, lower(replace(replace(replace(replace(replace(replace(replace(replace(t.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(p.body_text, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), t.title, p.body_text
	FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL AND t.id = new.id;
END;
