-- The institution's own organisations are a handful among thousands: a partial index finds
-- them at once, so that a count of partners at today's date can be taken as "all, less the
-- own organisations and those that became partners later" from narrow indexes alone
-- (`cooperation_form:FORM` in vaski_store::strategy::computed).
CREATE INDEX IF NOT EXISTS organisations_home ON organisations (id) WHERE home = TRUE;
