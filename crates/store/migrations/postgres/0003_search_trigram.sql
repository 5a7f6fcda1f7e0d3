-- Organisation search matches `search_text LIKE '% stem%'`. A trigram index lets PostgreSQL
-- answer that without reading every organisation (measured with 100 000 organisations: CPU per
-- list page from 52.9 ms to 20.7 ms, docs/benchmarks.md). pg_trgm ships with PostgreSQL's
-- contrib modules; where the database user may not create it, search still works, by a scan.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
    RAISE NOTICE 'pg_trgm is not available: organisation search scans the table';
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX IF NOT EXISTS organisations_search_trgm
            ON organisations USING gin (search_text gin_trgm_ops);
    END IF;
END
$$;
