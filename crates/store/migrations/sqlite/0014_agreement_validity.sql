-- Agreements valid on a day (the indicator `valid_agreements`) are read by their start and
-- end. Through an index of the start alone, SQLite looked up every earlier agreement's row
-- (11 ms for 16 000 of 20 000) where the whole table took 2 ms; with the end beside the start
-- the count reads the index alone. It replaces the narrower index with the same leading column.
DROP INDEX IF EXISTS agreements_valid_from;
CREATE INDEX agreements_valid_from ON agreements (valid_from, valid_to);
