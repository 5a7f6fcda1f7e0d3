# Vaski: meddelanden om gemensam användning (bokningar) från bokningskontrollerna och JSON-gränssnittet (svenska)

## Hinder för en bokning
## Helgdagar
## Resursens uppgifter
## Återkommande bokningar (RRULE)
## JSON-gränssnittet
api-error-timestamp = Ange tiden i RFC 3339-format med tidszonsförskjutning, t.ex. 2026-11-10T08:00:00+02:00.
api-error-exdate = Ange undantagsdagarna som 2026-12-24 eller 2026-12-24T08:00:00.
api-error-exdates-without-recurrence = Undantagsdagar kan anges endast för en återkommande bokning.
api-error-units = Ange antalet enheter som ett positivt heltal.
api-error-prices = Ange priserna som en lista: booker, per_hour_cents, per_day_cents.
api-error-opening-hours = Ange öppettiderna som en lista: weekday, opens, closes.
api-error-weekday = Veckodagen är 1 (måndag)–7 (söndag).
api-error-exceptions = Ange undantagen som en lista: date och antingen closed: true eller opens och closes.
api-error-exception-hours = Ange opens och closes eller closed: true för undantagsdagen.
api-error-unknown-qualification = Okänd behörighet.
api-error-part-of-foreign = En resurs kan kopplas endast till en helhet som du själv förvaltar.
api-error-contact-person = Kontaktpersonen måste vara en person i den bokande organisationen.
api-error-occurrences-overlap = Tillfällena i den återkommande bokningen överlappar varandra.
api-error-no-occurrences = Inga tillfällen att boka återstod.
api-error-booking-clash = Tiden är redan bokad: bokning { $id } { $starts_at } – { $ends_at }.
api-error-not-eligible = Din organisation kan inte boka denna resurs.
api-error-period-too-long = Tidsintervallet är för långt.
api-error-duration = Ange längden i minuter som ett positivt heltal.
api-error-idempotency-key = Idempotency-Key består av 1–255 synliga ASCII-tecken.
api-error-idempotency-key-reused = Denna Idempotency-Key har redan använts för en annan begäran.
api-error-idempotency-in-progress = En begäran med denna Idempotency-Key pågår fortfarande. Försök igen om en stund.
