# Vaski: yhteiskäytön (varaukset) viestit, joita varausten tarkistukset ja JSON-rajapinta antavat (suomi)

## Varauksen esteet
api-booking-clashes = Aika on jo varattu.
api-booking-in-the-past = Aika on jo mennyt.
api-booking-too-short = Varauksen on kestettävä vähintään { $minutes } minuuttia.
api-booking-too-long = Varaus saa kestää enintään { $minutes } minuuttia.
api-booking-too-soon = Varaus on tehtävä vähintään { $minutes } minuuttia ennen alkua.
api-booking-too-far-ahead = Varauksen voi tehdä enintään { $minutes } minuutin päähän.
api-booking-not-on-slot = Varauksen on alettava ja päätyttävä { $minutes } minuutin jaksojen rajalla.
api-booking-units-out-of-range = Varaa vähintään yksi ja enintään { $capacity } kappaletta.
api-booking-qualification-missing = Yhteyshenkilöllä ei ole resurssin vaatimaa pätevyyttä tai perehdytystä.
api-error-closed-public-holiday = Resurssi on suljettu pyhäpäivänä ({ $holiday }).
api-error-closed-exception = Resurssi on suljettu tänä päivänä.
api-error-outside-opening-hours = Aika on aukioloaikojen ulkopuolella.
api-error-occurrence-nonexistent-start = Alkuaikaa ei ole tänä päivänä, koska kelloja siirretään kesäaikaan.
api-error-occurrence-nonexistent-end = Päättymisaikaa ei ole tänä päivänä, koska kelloja siirretään kesäaikaan.
api-error-start-after-end = Alun on oltava ennen loppua.
api-error-booking-status-change = Varauksen tilaa ei voi muuttaa näin.

## Pyhäpäivät
api-holiday-new_years_day = uudenvuodenpäivä
api-holiday-epiphany = loppiainen
api-holiday-good_friday = pitkäperjantai
api-holiday-easter_sunday = pääsiäispäivä
api-holiday-easter_monday = toinen pääsiäispäivä
api-holiday-may_day = vappu
api-holiday-ascension_day = helatorstai
api-holiday-whitsun = helluntaipäivä
api-holiday-midsummer_eve = juhannusaatto
api-holiday-midsummer_day = juhannuspäivä
api-holiday-all_saints_day = pyhäinpäivä
api-holiday-independence_day = itsenäisyyspäivä
api-holiday-christmas_eve = jouluaatto
api-holiday-christmas_day = joulupäivä
api-holiday-st_stephens_day = tapaninpäivä

## Resurssin tiedot
api-error-resource-kind = Tuntematon resurssin laji.
api-error-approval = Hyväksyntä on joko automatic tai owner.
api-error-eligibility = Tuntematon varausoikeus.
api-error-booker-kind = Tuntematon varaajan laji.
api-error-booking-status = Tuntematon varauksen tila.
api-error-series-scope = Tuntematon sarjan osa.
api-error-charge-basis = Tuntematon hinnoitteluperuste.
api-error-holiday = Tuntematon pyhäpäivä.
api-error-id = Anna tunniste positiivisena kokonaislukuna.
api-error-number = Anna kokonaisluku.
api-error-zero = Luku ei voi olla nolla.
api-error-too-large = Luku on liian suuri.
api-error-pool-units = Määrän on oltava 1–10 000.
api-error-price = Hinta ei ole kelvollinen (esim. 45 tai 45,50).
api-error-price-negative = Hinta ei voi olla negatiivinen.
api-error-price-too-large = Hinta on liian suuri.
api-error-slot-minutes = Aikajakson on jaettava päivä tasan (esim. 15, 30 tai 60 minuuttia).
api-error-min-above-max = Enimmäiskesto ei voi olla lyhyempi kuin vähimmäiskesto.
api-error-notice-beyond-horizon = Varausaika ei voi olla lyhyempi kuin vaadittu ennakkoilmoitus.
api-error-duration-off-slot = Keston on oltava aikajakson monikerta.
api-error-organisation-unknown = Tuntematon organisaatio.
api-error-part-of-unknown = Kokonaisuutta, jonka osa resurssi olisi, ei ole.
api-error-part-of-cycle = Resurssi ei voi olla oman osansa osa.
api-error-part-of-two-wholes = Resurssi voi olla vain yhden kokonaisuuden osa.
api-error-opening-hours = Aukioloaika ei ole kelvollinen (esim. 08:00, sulkeutuminen enintään 24:00).
api-error-opening-hours-order = Aukeamisen on oltava ennen sulkeutumista.
api-error-opening-hours-overlap = Saman päivän aukioloajat menevät päällekkäin.
api-error-opening-exception-duplicate = Samalle päivälle on jo poikkeus.

## Toistuvat varaukset (RRULE)
api-error-rrule-syntax = Toistosääntöä ei voi lukea (esim. FREQ=WEEKLY;BYDAY=TH;COUNT=10).
api-error-rrule-unknown-part = Toistosäännössä on tuntematon osa.
api-error-rrule-unsupported = Tätä toistosäännön osaa ei tueta.
api-error-rrule-duplicate = Sama osa on toistosäännössä kahdesti.
api-error-rrule-frequency-missing = Toistosäännöstä puuttuu FREQ.
api-error-rrule-number = Toistosäännön luku ei ole sallittu.
api-error-rrule-weekday = Toistosäännön viikonpäivä ei ole kelvollinen (MO, TU, WE, TH, FR, SA, SU).
api-error-rrule-until = UNTIL ei ole kelvollinen (esim. 20270331 tai 20270331T235959Z).
api-error-rrule-count-and-until = Anna joko COUNT tai UNTIL, ei molempia.
api-error-rrule-unbounded = Toistosäännössä on oltava COUNT tai UNTIL.
api-error-rrule-until-before-start = UNTIL on ennen ensimmäistä kertaa.
api-error-rrule-too-many = Toistoja on liikaa: enintään { $max } kertaa.
api-error-rrule-too-far = Toistosääntö ulottuu liian kauas tulevaisuuteen.

## JSON-rajapinta
api-error-timestamp = Anna aika RFC 3339 -muodossa aikavyöhykepoikkeamineen, esim. 2026-11-10T08:00:00+02:00.
api-error-exdate = Anna poikkeuspäivät muodossa 2026-12-24 tai 2026-12-24T08:00:00.
api-error-exdates-without-recurrence = Poikkeuspäiviä voi antaa vain toistuvalle varaukselle.
api-error-units = Anna kappalemäärä positiivisena kokonaislukuna.
api-error-prices = Anna hinnat luettelona: booker, per_hour_cents, per_day_cents.
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
