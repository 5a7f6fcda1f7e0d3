# Vaski: meddelanden om gemensam användning (bokningar) från bokningskontrollerna och JSON-gränssnittet (svenska)

## Hinder för en bokning
api-booking-clashes = Tiden är redan bokad.
api-booking-in-the-past = Tiden har redan passerat.
api-booking-too-short = Bokningen måste vara minst { $minutes } minuter.
api-booking-too-long = Bokningen får vara högst { $minutes } minuter.
api-booking-too-soon = Bokningen måste göras minst { $minutes } minuter före början.
api-booking-too-far-ahead = Man kan boka högst { $minutes } minuter framåt.
api-booking-not-on-slot = Bokningen måste börja och sluta vid gränsen för perioder om { $minutes } minuter.
api-booking-units-out-of-range = Boka minst en och högst { $capacity } enheter.
api-booking-qualification-missing = Kontaktpersonen saknar den behörighet eller introduktion som resursen kräver.
api-error-closed-public-holiday = Resursen är stängd på helgdagar ({ $holiday }).
api-error-closed-exception = Resursen är stängd denna dag.
api-error-outside-opening-hours = Tiden ligger utanför öppettiderna.
api-error-occurrence-nonexistent-start = Starttiden finns inte denna dag eftersom klockan ställs fram till sommartid.
api-error-occurrence-nonexistent-end = Sluttiden finns inte denna dag eftersom klockan ställs fram till sommartid.
api-error-start-after-end = Början måste ligga före slutet.
api-error-booking-status-change = Bokningens status kan inte ändras så.

## Helgdagar
api-holiday-new_years_day = nyårsdagen
api-holiday-epiphany = trettondagen
api-holiday-good_friday = långfredagen
api-holiday-easter_sunday = påskdagen
api-holiday-easter_monday = annandag påsk
api-holiday-may_day = första maj
api-holiday-ascension_day = Kristi himmelsfärdsdag
api-holiday-whitsun = pingstdagen
api-holiday-midsummer_eve = midsommaraftonen
api-holiday-midsummer_day = midsommardagen
api-holiday-all_saints_day = alla helgons dag
api-holiday-independence_day = självständighetsdagen
api-holiday-christmas_eve = julafton
api-holiday-christmas_day = juldagen
api-holiday-st_stephens_day = annandag jul

## Resursens uppgifter
api-error-resource-kind = Okänd typ av resurs.
api-error-approval = Godkännandet är antingen automatic eller owner.
api-error-eligibility = Okänd bokningsrätt.
api-error-booker-kind = Okänd typ av bokare.
api-error-booking-status = Okänd bokningsstatus.
api-error-series-scope = Okänd del av serien.
api-error-charge-basis = Okänd prisgrund.
api-error-holiday = Okänd helgdag.
api-error-id = Ange id:t som ett positivt heltal.
api-error-number = Ange ett heltal.
api-error-zero = Talet kan inte vara noll.
api-error-too-large = Talet är för stort.
api-error-pool-units = Antalet måste vara 1–10 000.
api-error-price = Priset är inte giltigt (t.ex. 45 eller 45,50).
api-error-price-negative = Priset kan inte vara negativt.
api-error-price-too-large = Priset är för högt.
api-error-slot-minutes = Tidsperioden måste dela dygnet jämnt (t.ex. 15, 30 eller 60 minuter).
api-error-min-above-max = Den längsta tiden kan inte vara kortare än den kortaste.
api-error-notice-beyond-horizon = Bokningsperioden kan inte vara kortare än den framförhållning som krävs.
api-error-duration-off-slot = Längden måste vara en multipel av tidsperioden.
api-error-organisation-unknown = Okänd organisation.
api-error-part-of-unknown = Helheten som resursen skulle ingå i finns inte.
api-error-part-of-cycle = En resurs kan inte ingå i sin egen del.
api-error-part-of-two-wholes = En resurs kan ingå i endast en helhet.
api-error-opening-hours = Öppettiden är inte giltig (t.ex. 08:00, stängning senast 24:00).
api-error-opening-hours-order = Öppningen måste ligga före stängningen.
api-error-opening-hours-overlap = Samma dags öppettider överlappar varandra.
api-error-opening-exception-duplicate = Det finns redan ett undantag för samma dag.

## Återkommande bokningar (RRULE)
api-error-rrule-syntax = Upprepningsregeln kan inte läsas (t.ex. FREQ=WEEKLY;BYDAY=TH;COUNT=10).
api-error-rrule-unknown-part = Upprepningsregeln har en okänd del.
api-error-rrule-unsupported = Denna del av upprepningsregeln stöds inte.
api-error-rrule-duplicate = Samma del förekommer två gånger i upprepningsregeln.
api-error-rrule-frequency-missing = FREQ saknas i upprepningsregeln.
api-error-rrule-number = Talet i upprepningsregeln är inte tillåtet.
api-error-rrule-weekday = Veckodagen i upprepningsregeln är inte giltig (MO, TU, WE, TH, FR, SA, SU).
api-error-rrule-until = UNTIL är inte giltigt (t.ex. 20270331 eller 20270331T235959Z).
api-error-rrule-count-and-until = Ange antingen COUNT eller UNTIL, inte båda.
api-error-rrule-unbounded = Upprepningsregeln måste ha COUNT eller UNTIL.
api-error-rrule-until-before-start = UNTIL ligger före det första tillfället.
api-error-rrule-too-many = För många upprepningar: högst { $max } gånger.
api-error-rrule-too-far = Upprepningsregeln sträcker sig för långt in i framtiden.

## JSON-gränssnittet
api-error-timestamp = Ange tiden i RFC 3339-format med tidszonsförskjutning, t.ex. 2026-11-10T08:00:00+02:00.
api-error-exdate = Ange undantagsdagarna som 2026-12-24 eller 2026-12-24T08:00:00.
api-error-exdates-without-recurrence = Undantagsdagar kan anges endast för en återkommande bokning.
api-error-units = Ange antalet enheter som ett positivt heltal.
api-error-prices = Ange priserna som en lista: booker, per_hour_cents, per_day_cents.
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
