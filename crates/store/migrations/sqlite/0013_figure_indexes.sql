-- A scorecard reads its computed indicators at one date (vaski_store::strategy::readings):
-- partners by the day they began, with their status, owners, kind and field, and the
-- partners active by their latest interaction. Both indexes are widened so that those reads
-- never visit the wide organisation rows; they replace narrower ones with the same leading
-- column, so every read that used those still can, and a write keeps as many indexes as before.
DROP INDEX IF EXISTS organisations_partners;
CREATE INDEX organisations_partners
    ON organisations (partner_since, home, status, owner_count, kind, industry_code);
DROP INDEX IF EXISTS organisations_last_interaction;
CREATE INDEX organisations_last_interaction
    ON organisations (last_interaction_on, home, kind, industry_code);
