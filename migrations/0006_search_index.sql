-- Full-text search over groups, documents, posts, topic proposals and materials.
-- One FTS5 table with the trigram tokenizer: any 3-character part of a word matches,
-- so "rathaus" finds "Digitalrathaus". title/body hold a folded copy (umlauts spelled
-- ae/oe/ue, ß as ss, ASCII lower-cased: the same fold as foldGerman() in app/search/fold.ts),
-- so "Bürger" and "Buerger" meet; raw_title/raw_body keep the original for display.
-- rowid = kind code * 2^40 + source id, so triggers find a row by rowid without a scan, and
-- rowid order is kind, then age: 1 post, 2 document, 3 material, 4 topic proposal, 5 group.
-- Search ranks all non-post matches (rowid >= 2^41) and the newest posts (app/models/search.server.ts).
-- Permission is not stored here: group_id is joined against the readable groups at query time.
CREATE VIRTUAL TABLE search_index USING fts5(
	kind UNINDEXED, ref_id UNINDEXED, group_id UNINDEXED, parent_id UNINDEXED,
	title, body, raw_title UNINDEXED, raw_body UNINDEXED,
	tokenize = 'trigram remove_diacritics 1'
);
--> statement-breakpoint
INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 5 * 1099511627776 + g.id, 'group', g.id, g.id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(g.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(g.description || ' ' || g.goals, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), g.title, g.description || char(10) || g.goals
	FROM groups g;
--> statement-breakpoint
INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 2 * 1099511627776 + d.id, 'document', d.id, d.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(d.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(c.text, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), d.title, coalesce(c.text, '')
	FROM documents d LEFT JOIN document_contents c ON c.document_id = d.id WHERE d.deleted_at IS NULL;
--> statement-breakpoint
INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 1 * 1099511627776 + p.id, 'post', p.id, t.group_id, t.id, lower(replace(replace(replace(replace(replace(replace(replace(replace(t.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(p.body_text, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), t.title, p.body_text
	FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL;
--> statement-breakpoint
INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 4 * 1099511627776 + tp.id, 'topic', tp.id, NULL, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(tp.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(tp.description, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), tp.title, tp.description
	FROM topic_proposals tp;
--> statement-breakpoint
INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 3 * 1099511627776 + m.id, 'material', m.id, m.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(m.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(m.description, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), m.title, coalesce(m.description, '')
	FROM materials m;
--> statement-breakpoint
CREATE TRIGGER search_groups_ai AFTER INSERT ON groups BEGIN
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 5 * 1099511627776 + g.id, 'group', g.id, g.id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(g.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(g.description || ' ' || g.goals, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), g.title, g.description || char(10) || g.goals
	FROM groups g WHERE g.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_groups_au AFTER UPDATE OF title, description, goals ON groups BEGIN
	DELETE FROM search_index WHERE rowid = 5 * 1099511627776 + old.id;
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 5 * 1099511627776 + g.id, 'group', g.id, g.id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(g.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(g.description || ' ' || g.goals, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), g.title, g.description || char(10) || g.goals
	FROM groups g WHERE g.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_groups_ad AFTER DELETE ON groups BEGIN
	DELETE FROM search_index WHERE rowid = 5 * 1099511627776 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_topic_proposals_ai AFTER INSERT ON topic_proposals BEGIN
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 4 * 1099511627776 + tp.id, 'topic', tp.id, NULL, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(tp.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(tp.description, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), tp.title, tp.description
	FROM topic_proposals tp WHERE tp.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_topic_proposals_au AFTER UPDATE OF title, description ON topic_proposals BEGIN
	DELETE FROM search_index WHERE rowid = 4 * 1099511627776 + old.id;
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 4 * 1099511627776 + tp.id, 'topic', tp.id, NULL, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(tp.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(tp.description, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), tp.title, tp.description
	FROM topic_proposals tp WHERE tp.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_topic_proposals_ad AFTER DELETE ON topic_proposals BEGIN
	DELETE FROM search_index WHERE rowid = 4 * 1099511627776 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_materials_ai AFTER INSERT ON materials BEGIN
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 3 * 1099511627776 + m.id, 'material', m.id, m.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(m.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(m.description, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), m.title, coalesce(m.description, '')
	FROM materials m WHERE m.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_materials_au AFTER UPDATE ON materials BEGIN
	DELETE FROM search_index WHERE rowid = 3 * 1099511627776 + old.id;
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 3 * 1099511627776 + m.id, 'material', m.id, m.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(m.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(m.description, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), m.title, coalesce(m.description, '')
	FROM materials m WHERE m.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_materials_ad AFTER DELETE ON materials BEGIN
	DELETE FROM search_index WHERE rowid = 3 * 1099511627776 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_documents_ai AFTER INSERT ON documents BEGIN
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 2 * 1099511627776 + d.id, 'document', d.id, d.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(d.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(c.text, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), d.title, coalesce(c.text, '')
	FROM documents d LEFT JOIN document_contents c ON c.document_id = d.id WHERE d.deleted_at IS NULL AND d.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_documents_au AFTER UPDATE ON documents BEGIN
	DELETE FROM search_index WHERE rowid = 2 * 1099511627776 + old.id;
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 2 * 1099511627776 + d.id, 'document', d.id, d.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(d.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(c.text, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), d.title, coalesce(c.text, '')
	FROM documents d LEFT JOIN document_contents c ON c.document_id = d.id WHERE d.deleted_at IS NULL AND d.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_documents_ad AFTER DELETE ON documents BEGIN
	DELETE FROM search_index WHERE rowid = 2 * 1099511627776 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_posts_ai AFTER INSERT ON posts BEGIN
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 1 * 1099511627776 + p.id, 'post', p.id, t.group_id, t.id, lower(replace(replace(replace(replace(replace(replace(replace(replace(t.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(p.body_text, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), t.title, p.body_text
	FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_posts_au AFTER UPDATE ON posts BEGIN
	DELETE FROM search_index WHERE rowid = 1 * 1099511627776 + old.id;
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 1 * 1099511627776 + p.id, 'post', p.id, t.group_id, t.id, lower(replace(replace(replace(replace(replace(replace(replace(replace(t.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(p.body_text, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), t.title, p.body_text
	FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_posts_ad AFTER DELETE ON posts BEGIN
	DELETE FROM search_index WHERE rowid = 1 * 1099511627776 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_document_contents_ai AFTER INSERT ON document_contents BEGIN
	DELETE FROM search_index WHERE rowid = 2 * 1099511627776 + new.document_id;
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 2 * 1099511627776 + d.id, 'document', d.id, d.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(d.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(c.text, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), d.title, coalesce(c.text, '')
	FROM documents d LEFT JOIN document_contents c ON c.document_id = d.id WHERE d.deleted_at IS NULL AND d.id = new.document_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_document_contents_au AFTER UPDATE ON document_contents BEGIN
	DELETE FROM search_index WHERE rowid = 2 * 1099511627776 + new.document_id;
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 2 * 1099511627776 + d.id, 'document', d.id, d.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(d.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(c.text, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), d.title, coalesce(c.text, '')
	FROM documents d LEFT JOIN document_contents c ON c.document_id = d.id WHERE d.deleted_at IS NULL AND d.id = new.document_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_document_contents_ad AFTER DELETE ON document_contents BEGIN
	DELETE FROM search_index WHERE rowid = 2 * 1099511627776 + old.document_id;
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 2 * 1099511627776 + d.id, 'document', d.id, d.group_id, NULL, lower(replace(replace(replace(replace(replace(replace(replace(replace(d.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(c.text, ''), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), d.title, coalesce(c.text, '')
	FROM documents d LEFT JOIN document_contents c ON c.document_id = d.id WHERE d.deleted_at IS NULL AND d.id = old.document_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_threads_au AFTER UPDATE OF title ON threads BEGIN
	DELETE FROM search_index WHERE rowid IN (SELECT 1099511627776 + id FROM posts WHERE thread_id = new.id);
	INSERT INTO search_index (rowid, kind, ref_id, group_id, parent_id, title, body, raw_title, raw_body)
	SELECT 1 * 1099511627776 + p.id, 'post', p.id, t.group_id, t.id, lower(replace(replace(replace(replace(replace(replace(replace(replace(t.title, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), lower(replace(replace(replace(replace(replace(replace(replace(replace(p.body_text, 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss')), t.title, p.body_text
	FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL AND t.id = new.id;
END;
