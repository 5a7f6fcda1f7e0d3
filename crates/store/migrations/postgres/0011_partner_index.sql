-- Computed indicators count partners by the day they became partners (docs/adr/0008): a
-- narrow covering index lets them read 100 000 organisations without the wide table rows
-- (one `cooperation_form` count went from 157 ms to 27 ms in EXPLAIN ANALYZE on the
-- `vaski bench-strategy` network).
CREATE INDEX IF NOT EXISTS organisations_partners ON organisations (partner_since, id) INCLUDE (owner_count, home);
