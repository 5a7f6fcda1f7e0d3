-- The organisation list and the health figures on a large network (docs/benchmarks.md).

-- How many staff users own each partnership, kept by a trigger so that every way owners are
-- written (the pages, the API, a user deleted with ON DELETE CASCADE) keeps it true. The list,
-- its single-owner filter and the health figures read it instead of counting per organisation.
ALTER TABLE organisations ADD COLUMN owner_count BIGINT NOT NULL DEFAULT 0;
UPDATE organisations SET owner_count =
    (SELECT COUNT(*) FROM organisation_owners w WHERE w.organisation_id = organisations.id);

CREATE FUNCTION organisation_owner_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE organisations SET owner_count = owner_count + 1 WHERE id = NEW.organisation_id;
        RETURN NEW;
    END IF;
    UPDATE organisations SET owner_count = owner_count - 1 WHERE id = OLD.organisation_id;
    RETURN OLD;
END
$$;

CREATE TRIGGER organisation_owners_counted AFTER INSERT OR DELETE ON organisation_owners
    FOR EACH ROW EXECUTE FUNCTION organisation_owner_count();

-- The list's order, the list's filters in that order, and the columns the health figures
-- group and filter by.
CREATE INDEX organisations_list_order ON organisations (normalised_name, id);
CREATE INDEX organisations_status ON organisations (status, last_interaction_on);
CREATE INDEX organisations_kind_name ON organisations (kind, normalised_name);
CREATE INDEX organisations_municipality_name ON organisations (municipality_code, normalised_name);
CREATE INDEX organisations_status_name ON organisations (status, normalised_name);
CREATE INDEX organisations_owner_count ON organisations (owner_count, status);
CREATE INDEX organisations_industry ON organisations (industry_code);
CREATE INDEX organisations_partner_since ON organisations (partner_since);
