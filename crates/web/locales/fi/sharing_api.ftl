# Vaski: yhteiskäytön (varaukset) viestit, joita varausten tarkistukset ja JSON-rajapinta antavat (suomi)

## Varauksen esteet
## Pyhäpäivät
## Resurssin tiedot
## Toistuvat varaukset (RRULE)
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
