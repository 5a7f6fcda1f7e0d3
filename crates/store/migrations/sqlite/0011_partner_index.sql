-- Computed indicators count partners by the day they became partners (docs/adr/0008): a
-- narrow covering index lets them read the organisations without the wide table rows.
CREATE INDEX IF NOT EXISTS organisations_partners ON organisations (partner_since, id, owner_count, home);
