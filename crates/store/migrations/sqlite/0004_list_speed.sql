-- The organisation list and the health figures on a large network (docs/benchmarks.md).

-- How many staff users own each partnership, kept by triggers so that every way owners are
-- written (the pages, the API, a user deleted with ON DELETE CASCADE) keeps it true. The list,
-- its single-owner filter and the health figures read it instead of counting per organisation.
ALTER TABLE organisations ADD COLUMN owner_count INTEGER NOT NULL DEFAULT 0;
UPDATE organisations SET owner_count =
    (SELECT COUNT(*) FROM organisation_owners w WHERE w.organisation_id = organisations.id);

CREATE TRIGGER organisation_owners_counted AFTER INSERT ON organisation_owners BEGIN
    UPDATE organisations SET owner_count = owner_count + 1 WHERE id = NEW.organisation_id;
END;
CREATE TRIGGER organisation_owners_uncounted AFTER DELETE ON organisation_owners BEGIN
    UPDATE organisations SET owner_count = owner_count - 1 WHERE id = OLD.organisation_id;
END;

-- Search: the words of `search_text` in an FTS5 index, so that a stem is found by a prefix
-- query on the index instead of `LIKE '% stem%'` over every organisation. External content:
-- the text lives once, in `organisations`; the triggers keep the index in step.
CREATE VIRTUAL TABLE organisation_search USING fts5(
    search_text,
    content = 'organisations',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO organisation_search (organisation_search) VALUES ('rebuild');

CREATE TRIGGER organisation_search_added AFTER INSERT ON organisations BEGIN
    INSERT INTO organisation_search (rowid, search_text) VALUES (NEW.id, NEW.search_text);
END;
CREATE TRIGGER organisation_search_removed AFTER DELETE ON organisations BEGIN
    INSERT INTO organisation_search (organisation_search, rowid, search_text)
        VALUES ('delete', OLD.id, OLD.search_text);
END;
CREATE TRIGGER organisation_search_changed AFTER UPDATE OF search_text ON organisations BEGIN
    INSERT INTO organisation_search (organisation_search, rowid, search_text)
        VALUES ('delete', OLD.id, OLD.search_text);
    INSERT INTO organisation_search (rowid, search_text) VALUES (NEW.id, NEW.search_text);
END;

-- The list's order, the list's filters in that order, and the columns the health figures
-- group and filter by.
CREATE INDEX organisations_list_order ON organisations (normalised_name);
CREATE INDEX organisations_status ON organisations (status, last_interaction_on);
CREATE INDEX organisations_kind_name ON organisations (kind, normalised_name);
CREATE INDEX organisations_municipality_name ON organisations (municipality_code, normalised_name);
CREATE INDEX organisations_status_name ON organisations (status, normalised_name);
CREATE INDEX organisations_owner_count ON organisations (owner_count, status);
CREATE INDEX organisations_industry ON organisations (industry_code);
CREATE INDEX organisations_partner_since ON organisations (partner_since);
