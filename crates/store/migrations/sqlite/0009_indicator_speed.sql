-- Suunta's computed indicators over a large network (vaski_store::strategy::computed,
-- docs/benchmarks.md): the activity of a date window without visiting each organisation,
-- the confirmed bookings of a period without reading the booking rows (a partial index that
-- holds every column the indicators read), and the organisations of one form of cooperation.

CREATE INDEX interactions_occurred ON interactions (occurred_on, organisation_id);
CREATE INDEX bookings_confirmed_start ON bookings (starts_at, ends_at, units, resource_id, booker_organisation_id)
    WHERE status = 'confirmed' AND kind = 'booking';
CREATE INDEX organisation_cooperation_form ON organisation_cooperation (form, organisation_id);
CREATE INDEX agreements_valid_from ON agreements (valid_from);
