# Vaski: yhteiskäytön (varaukset) viestit, joita varausten tarkistukset ja JSON-rajapinta antavat (suomi)

## Varauksen esteet
booking-clashes = Aika on jo varattu.
booking-in-the-past = Aika on jo mennyt.
booking-too-short = Varauksen on kestettävä vähintään { $minutes } minuuttia.
booking-too-long = Varaus saa kestää enintään { $minutes } minuuttia.
booking-too-soon = Varaus on tehtävä vähintään { $minutes } minuuttia ennen alkua.
booking-too-far-ahead = Varauksen voi tehdä enintään { $minutes } minuutin päähän.
booking-not-on-slot = Varauksen on alettava ja päätyttävä { $minutes } minuutin jaksojen rajalla.
booking-units-out-of-range = Varaa vähintään yksi ja enintään { $capacity } kappaletta.
booking-qualification-missing = Yhteyshenkilöllä ei ole resurssin vaatimaa pätevyyttä tai perehdytystä.
error-closed-public-holiday = Resurssi on suljettu pyhäpäivänä ({ $holiday }).
error-closed-exception = Resurssi on suljettu tänä päivänä.
error-outside-opening-hours = Aika on aukioloaikojen ulkopuolella.
error-occurrence-nonexistent-start = Alkuaikaa ei ole tänä päivänä, koska kelloja siirretään kesäaikaan.
error-occurrence-nonexistent-end = Päättymisaikaa ei ole tänä päivänä, koska kelloja siirretään kesäaikaan.
error-start-after-end = Alun on oltava ennen loppua.
error-booking-status-change = Varauksen tilaa ei voi muuttaa näin.

## Pyhäpäivät
holiday-new_years_day = uudenvuodenpäivä
holiday-epiphany = loppiainen
holiday-good_friday = pitkäperjantai
holiday-easter_sunday = pääsiäispäivä
holiday-easter_monday = toinen pääsiäispäivä
holiday-may_day = vappu
holiday-ascension_day = helatorstai
holiday-whitsun = helluntaipäivä
holiday-midsummer_eve = juhannusaatto
holiday-midsummer_day = juhannuspäivä
holiday-all_saints_day = pyhäinpäivä
holiday-independence_day = itsenäisyyspäivä
holiday-christmas_eve = jouluaatto
holiday-christmas_day = joulupäivä
holiday-st_stephens_day = tapaninpäivä

## Resurssin tiedot
error-resource-kind = Tuntematon resurssin laji.
error-approval = Hyväksyntä on joko automatic tai owner.
error-eligibility = Tuntematon varausoikeus.
error-booker-kind = Tuntematon varaajan laji.
error-booking-status = Tuntematon varauksen tila.
error-series-scope = Tuntematon sarjan osa.
error-charge-basis = Tuntematon hinnoitteluperuste.
error-holiday = Tuntematon pyhäpäivä.
error-id = Anna tunniste positiivisena kokonaislukuna.
error-number = Anna kokonaisluku.
error-negative = Luku ei voi olla negatiivinen.
error-zero = Luku ei voi olla nolla.
error-too-large = Luku on liian suuri.
error-pool-units = Määrän on oltava 1–10 000.
error-price = Hinta ei ole kelvollinen (esim. 45 tai 45,50).
error-price-negative = Hinta ei voi olla negatiivinen.
error-price-too-large = Hinta on liian suuri.
error-slot-minutes = Aikajakson on jaettava päivä tasan (esim. 15, 30 tai 60 minuuttia).
error-min-above-max = Enimmäiskesto ei voi olla lyhyempi kuin vähimmäiskesto.
error-notice-beyond-horizon = Varausaika ei voi olla lyhyempi kuin vaadittu ennakkoilmoitus.
error-duration-off-slot = Keston on oltava aikajakson monikerta.
error-organisation-unknown = Tuntematon organisaatio.
error-part-of-unknown = Kokonaisuutta, jonka osa resurssi olisi, ei ole.
error-part-of-cycle = Resurssi ei voi olla oman osansa osa.
error-part-of-two-wholes = Resurssi voi olla vain yhden kokonaisuuden osa.
error-opening-hours = Aukioloaika ei ole kelvollinen (esim. 08:00, sulkeutuminen enintään 24:00).
error-opening-hours-order = Aukeamisen on oltava ennen sulkeutumista.
error-opening-hours-overlap = Saman päivän aukioloajat menevät päällekkäin.
error-opening-exception-duplicate = Samalle päivälle on jo poikkeus.

## Toistuvat varaukset (RRULE)
error-rrule-syntax = Toistosääntöä ei voi lukea (esim. FREQ=WEEKLY;BYDAY=TH;COUNT=10).
error-rrule-unknown-part = Toistosäännössä on tuntematon osa.
error-rrule-unsupported = Tätä toistosäännön osaa ei tueta.
error-rrule-duplicate = Sama osa on toistosäännössä kahdesti.
error-rrule-frequency-missing = Toistosäännöstä puuttuu FREQ.
error-rrule-number = Toistosäännön luku ei ole sallittu.
error-rrule-weekday = Toistosäännön viikonpäivä ei ole kelvollinen (MO, TU, WE, TH, FR, SA, SU).
error-rrule-until = UNTIL ei ole kelvollinen (esim. 20270331 tai 20270331T235959Z).
error-rrule-count-and-until = Anna joko COUNT tai UNTIL, ei molempia.
error-rrule-unbounded = Toistosäännössä on oltava COUNT tai UNTIL.
error-rrule-until-before-start = UNTIL on ennen ensimmäistä kertaa.
error-rrule-too-many = Toistoja on liikaa: enintään { $max } kertaa.
error-rrule-too-far = Toistosääntö ulottuu liian kauas tulevaisuuteen.

## JSON-rajapinta
api-error-timestamp = Anna aika RFC 3339 -muodossa aikavyöhykepoikkeamineen, esim. 2026-11-10T08:00:00+02:00.
api-error-exdate = Anna poikkeuspäivät muodossa 2026-12-24 tai 2026-12-24T08:00:00.
api-error-exdates-without-recurrence = Poikkeuspäiviä voi antaa vain toistuvalle varaukselle.
api-error-units = Anna kappalemäärä positiivisena kokonaislukuna.
api-error-prices = Anna hinnat luettelona: booker, per_hour_cents, per_day_cents.
api-error-opening-hours = Anna aukioloajat luettelona: weekday, opens, closes.
api-error-weekday = Viikonpäivä on 1 (maanantai)–7 (sunnuntai).
api-error-exceptions = Anna poikkeukset luettelona: date ja joko closed: true tai opens ja closes.
api-error-exception-hours = Anna poikkeuspäivälle opens ja closes tai closed: true.
api-error-unknown-qualification = Tuntematon pätevyys.
api-error-part-of-foreign = Resurssin voi liittää vain kokonaisuuteen, jota itse hallinnoit.
api-error-contact-person = Yhteyshenkilön on oltava varaavan organisaation henkilö.
api-error-occurrences-overlap = Toistuvan varauksen kerrat menevät päällekkäin.
api-error-no-occurrences = Varattavia kertoja ei jäänyt yhtään.
api-error-booking-clash = Aika on jo varattu: varaus { $id } { $starts_at } – { $ends_at }.
api-error-not-eligible = Organisaatiosi ei voi varata tätä resurssia.
api-error-period-too-long = Aikaväli on liian pitkä.
api-error-duration = Anna kesto minuutteina positiivisena kokonaislukuna.
api-error-idempotency-key = Idempotency-Key on 1–255 näkyvää ASCII-merkkiä.
api-error-idempotency-key-reused = Tämä Idempotency-Key on jo käytetty toiseen pyyntöön.
api-error-idempotency-in-progress = Pyyntö tällä Idempotency-Keyllä on vielä kesken. Yritä hetken kuluttua uudelleen.
