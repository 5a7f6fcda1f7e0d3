# Vaski: meddelanden om gemensam användning (bokningar) från bokningskontrollerna och JSON-gränssnittet (svenska)

## Hinder för en bokning
booking-clashes = Tiden är redan bokad.
booking-in-the-past = Tiden har redan passerat.
booking-too-short = Bokningen måste vara minst { $minutes } minuter.
booking-too-long = Bokningen får vara högst { $minutes } minuter.
booking-too-soon = Bokningen måste göras minst { $minutes } minuter före början.
booking-too-far-ahead = Man kan boka högst { $minutes } minuter framåt.
booking-not-on-slot = Bokningen måste börja och sluta vid gränsen för perioder om { $minutes } minuter.
booking-units-out-of-range = Boka minst en och högst { $capacity } enheter.
booking-qualification-missing = Kontaktpersonen saknar den behörighet eller introduktion som resursen kräver.
error-closed-public-holiday = Resursen är stängd på helgdagar ({ $holiday }).
error-closed-exception = Resursen är stängd denna dag.
error-outside-opening-hours = Tiden ligger utanför öppettiderna.
error-occurrence-nonexistent-start = Starttiden finns inte denna dag eftersom klockan ställs fram till sommartid.
error-occurrence-nonexistent-end = Sluttiden finns inte denna dag eftersom klockan ställs fram till sommartid.
error-start-after-end = Början måste ligga före slutet.
error-booking-status-change = Bokningens status kan inte ändras så.

## Helgdagar
holiday-new_years_day = nyårsdagen
holiday-epiphany = trettondagen
holiday-good_friday = långfredagen
holiday-easter_sunday = påskdagen
holiday-easter_monday = annandag påsk
holiday-may_day = första maj
holiday-ascension_day = Kristi himmelsfärdsdag
holiday-whitsun = pingstdagen
holiday-midsummer_eve = midsommaraftonen
holiday-midsummer_day = midsommardagen
holiday-all_saints_day = alla helgons dag
holiday-independence_day = självständighetsdagen
holiday-christmas_eve = julafton
holiday-christmas_day = juldagen
holiday-st_stephens_day = annandag jul

## Resursens uppgifter
error-resource-kind = Okänd typ av resurs.
error-approval = Godkännandet är antingen automatic eller owner.
error-eligibility = Okänd bokningsrätt.
error-booker-kind = Okänd typ av bokare.
error-booking-status = Okänd bokningsstatus.
error-series-scope = Okänd del av serien.
error-charge-basis = Okänd prisgrund.
error-holiday = Okänd helgdag.
error-id = Ange id:t som ett positivt heltal.
error-number = Ange ett heltal.
error-negative = Talet kan inte vara negativt.
error-zero = Talet kan inte vara noll.
error-too-large = Talet är för stort.
error-pool-units = Antalet måste vara 1–10 000.
error-price = Priset är inte giltigt (t.ex. 45 eller 45,50).
error-price-negative = Priset kan inte vara negativt.
error-price-too-large = Priset är för högt.
error-slot-minutes = Tidsperioden måste dela dygnet jämnt (t.ex. 15, 30 eller 60 minuter).
error-min-above-max = Den längsta tiden kan inte vara kortare än den kortaste.
error-notice-beyond-horizon = Bokningsperioden kan inte vara kortare än den framförhållning som krävs.
error-duration-off-slot = Längden måste vara en multipel av tidsperioden.
error-organisation-unknown = Okänd organisation.
error-part-of-unknown = Helheten som resursen skulle ingå i finns inte.
error-part-of-cycle = En resurs kan inte ingå i sin egen del.
error-part-of-two-wholes = En resurs kan ingå i endast en helhet.
error-opening-hours = Öppettiden är inte giltig (t.ex. 08:00, stängning senast 24:00).
error-opening-hours-order = Öppningen måste ligga före stängningen.
error-opening-hours-overlap = Samma dags öppettider överlappar varandra.
error-opening-exception-duplicate = Det finns redan ett undantag för samma dag.

## Återkommande bokningar (RRULE)
error-rrule-syntax = Upprepningsregeln kan inte läsas (t.ex. FREQ=WEEKLY;BYDAY=TH;COUNT=10).
error-rrule-unknown-part = Upprepningsregeln har en okänd del.
error-rrule-unsupported = Denna del av upprepningsregeln stöds inte.
error-rrule-duplicate = Samma del förekommer två gånger i upprepningsregeln.
error-rrule-frequency-missing = FREQ saknas i upprepningsregeln.
error-rrule-number = Talet i upprepningsregeln är inte tillåtet.
error-rrule-weekday = Veckodagen i upprepningsregeln är inte giltig (MO, TU, WE, TH, FR, SA, SU).
error-rrule-until = UNTIL är inte giltigt (t.ex. 20270331 eller 20270331T235959Z).
error-rrule-count-and-until = Ange antingen COUNT eller UNTIL, inte båda.
error-rrule-unbounded = Upprepningsregeln måste ha COUNT eller UNTIL.
error-rrule-until-before-start = UNTIL ligger före det första tillfället.
error-rrule-too-many = För många upprepningar: högst { $max } gånger.
error-rrule-too-far = Upprepningsregeln sträcker sig för långt in i framtiden.

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
