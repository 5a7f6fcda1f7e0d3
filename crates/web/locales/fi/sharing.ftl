# Vaski: yhteiskäyttö – resurssit, varaukset ja pätevyydet (suomi)
nav-sharing = Yhteiskäyttö
nav-bookings = Varaukset
sharing-nav = Yhteiskäytön valikko
calendar-subscribe = Tilaa varauksesi omaan kalenteriisi
calendar-subscribe-short = Kalenteritilaus
calendar-intro = Varauksesi näkyvät myös omassa kalenteriohjelmassasi.
calendar-file = Kalenteritiedosto (.ics)
today = tänään

# Päivät, kuukaudet ja kestot
weekday-1 = maanantai
weekday-2 = tiistai
weekday-3 = keskiviikko
weekday-4 = torstai
weekday-5 = perjantai
weekday-6 = lauantai
weekday-7 = sunnuntai
weekday-short-1 = ma
weekday-short-2 = ti
weekday-short-3 = ke
weekday-short-4 = to
weekday-short-5 = pe
weekday-short-6 = la
weekday-short-7 = su
month-1 = tammikuu
month-2 = helmikuu
month-3 = maaliskuu
month-4 = huhtikuu
month-5 = toukokuu
month-6 = kesäkuu
month-7 = heinäkuu
month-8 = elokuu
month-9 = syyskuu
month-10 = lokakuu
month-11 = marraskuu
month-12 = joulukuu
duration-days = { $count } vrk
duration-hours = { $count } h
duration-minutes = { $count } min

# Sanastot
resource-kind-learning_environment = Oppimisympäristö
resource-kind-facility = Tila
resource-kind-machine = Kone
resource-kind-equipment = Laite
resource-kind-vehicle = Ajoneuvo
resource-kind-other = Muu
approval-automatic = Vahvistuu heti
approval-owner = Omistaja hyväksyy
eligibility-own_institution = Vain oma oppilaitos
eligibility-network_institutions = Verkoston oppilaitokset
eligibility-registered_partners = Kaikki rekisteröidyt kumppanit
booker-own = Oma organisaatio
booker-institution = Oppilaitos tai tutkimuslaitos
booker-company = Yritys
booker-association = Yhdistys
booker-public_body = Julkinen toimija
booking-status-requested = odottaa hyväksyntää
booking-status-confirmed = vahvistettu
booking-status-rejected = hylätty
booking-status-cancelled = peruttu
series-scope-this = vain tämä kerta
series-scope-following = tämä ja seuraavat
series-scope-all = koko sarja
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

# Resurssiluettelo ja saatavuushaku
resources-title = Yhteiskäyttö
resources-intro = Verkoston koneet, tilat ja oppimisympäristöt, joita voi varata.
resources-search = Hae resursseja
resources-search-text = Hakusana
resources-availability = Vapaat ajat
resources-availability-hint = Anna ajanjakso ja tarvittava kesto, niin näet kunkin resurssin vapaat ajat, joihin varaus mahtuu.
field-from = Alkaen
field-to = Päättyen
field-duration-hours = Kesto (tuntia)
resources-count = { $count ->
    [one] Yksi resurssi.
   *[other] { $count } resurssia.
}
resources-search-capped = vapaat ajat haettiin 50 ensimmäiselle; tarkenna hakua
resources-free-times = Vapaat ajat, joihin varaus mahtuu:
resources-more-times = { $count ->
    [one] ja yksi muu aika.
   *[other] ja { $count } muuta aikaa.
}
resources-see-calendar = Katso kalenteri
resource-not-for-you = Organisaatiosi ei voi varata tätä resurssia.
resource-no-free-time = Ei vapaata aikaa, johon varaus mahtuisi.
resource-viewer-cannot-book = Sinulla on lukuoikeus: voit katsoa varaustilannetta, mutta et varata.

# Resurssin sivu
resource-title = Resurssi
resource-details = Tiedot
resource-parts = Osat
resource-rules = Varaussäännöt
resource-prices = Hinnat
resource-no-prices = Hintoja ei ole asetettu.
resource-hours = Aukioloajat
resource-always-open = Aukioloaikoja ei ole asetettu: varattavissa ympäri vuorokauden.
resource-exceptions = Poikkeavat päivät
resource-closed-on-holidays = Suljettu arkipyhinä.
resource-open-on-holidays = Avoinna myös arkipyhinä.
resource-open = Auki
field-resource-kind = Tyyppi
field-resource-owner = Omistaja
field-location = Sijainti
field-capacity-people = Henkilömäärä enintään
field-quantity = Yksiköiden määrä
field-accessibility = Saavutettavuus
field-booker-kind = Varaaja
field-price-hour = Hinta / tunti
field-price-day = Hinta / päivä
price-vat-note = Hinnat ovat arvonlisäverottomia.
price-vat-excluded = (alv 0 %)
rule-approval-owner = Varaukset vaativat omistajan hyväksynnän.
rule-approval-automatic = Varaukset vahvistuvat heti.
rule-eligibility-own_institution = Varata voi vain omistajaorganisaatio.
rule-eligibility-network_institutions = Varata voivat verkoston oppilaitokset.
rule-eligibility-registered_partners = Varata voivat kaikki rekisteröidyt kumppanit.
rule-slot = Varaukset alkavat ja päättyvät { $limit } välein.
rule-min-duration = Vähimmäiskesto { $limit }.
rule-max-duration = Enimmäiskesto { $limit }.
rule-min-notice = Varattava vähintään { $limit } etukäteen.
rule-max-ahead = Voi varata enintään { $limit } etukäteen.
rule-buffer-before = Valmisteluaika ennen varausta { $limit }.
rule-buffer-after = Siivous- ja jäähdytysaika varauksen jälkeen { $limit }.
rule-cancellation-free = Maksuton peruutus viimeistään { $limit } ennen alkua.
rule-cancellation-always-free = Peruutus on aina maksuton.
rule-qualification = Vaatii pätevyyden: { $name }.
rule-pool = { $count ->
    [one] Yksi yksikkö.
   *[other] { $count } samanlaista yksikköä; varaa tarvitsemasi määrä.
}
hours-closed = suljettu
hours-closed-exception = suljettu (poikkeus)
hours-closed-holiday = suljettu: { $holiday }
hours-all-day = koko vuorokauden
week-title = Viikko { $week }: { $from }–{ $to }
week-nav = Viikot
week-previous = Edellinen viikko
week-current = Tämä viikko
week-next = Seuraava viikko
week-free = Vapaana
week-number = Viikon numero
week-abbr = vk
month-nav = Kuukaudet
month-previous = Edellinen kuukausi
month-next = Seuraava kuukausi
month-closed = suljettu
month-bookings = { $count ->
    [one] 1 varaus
   *[other] { $count } varausta
}
booking-kind-block = Omistajan käyttö
booking-taken = Varattu
booking-units-count = { $count ->
    [one] 1 kpl
   *[other] { $count } kpl
}

# Varauslomake
booking-form-title = Varaa
block-form-title = Varaa aikaa omaan käyttöön
block-form-open = Lisää huolto tai muu oma käyttö
booking-requires = Käyttö vaatii pätevyyden { $name }: valitse yhteyshenkilöksi henkilö, jolla se on voimassa.
field-start = Alkaa klo
field-end = Päättyy klo
field-units = Määrä
hint-units = Enintään { $count } kpl.
field-booker = Varaaja
booker-own-use = { $name } (oma käyttö)
field-contact = Yhteyshenkilö
contact-none = — ei valittu —
field-people = Henkilömäärä
field-purpose = Käyttötarkoitus
field-block-reason = Syy (esim. huolto)
field-repeat = Toistuvuus
repeat-none = Ei toistu
repeat-weekly = Joka viikko
repeat-biweekly = Joka toinen viikko
repeat-monthly = Kuukausittain samana viikonpäivänä
repeat-custom = Oma toistosääntö (RRULE)
field-until = Toistuu asti
hint-until = Viimeinen päivä, jolle varaus toistuu.
field-rrule = Toistosääntö
hint-rrule = Esimerkiksi FREQ=WEEKLY;BYDAY=TU,TH (iCalendar RRULE).
booking-submit = Varaa
block-submit = Varaa omaan käyttöön

# Kieltäytyminen ja tulos
booking-refused-title = Kaikkia aikoja ei voi varata
booking-refused-count = { $count ->
    [one] Yhtä aikaa ei voi varata:
   *[other] { $count } aikaa ei voi varata:
}
booking-rest-can-be-booked = { $count ->
    [one] Yksi muu aika on vapaana.
   *[other] Muut { $count } aikaa ovat vapaina.
}
booking-book-rest = { $count ->
    [one] Varaa loput (1 aika)
   *[other] Varaa loput ({ $count } aikaa)
}
booking-change-and-retry = Muuta varausta ja yritä uudelleen
refusal-clash = päällekkäin varauksen #{ $id } kanssa ({ $details })
refusal-clash-block = päällekkäin omistajan oman käytön #{ $id } kanssa ({ $details })
refusal-clash-within = päällekkäin toisen tämän varauksen ajan kanssa
refusal-units = pyydettiin { $requested } kpl, mutta niitä on vain { $capacity }
refusal-closed-holiday = suljettu: { $holiday }
refusal-qualification = yhteyshenkilöllä ei ole voimassa olevaa pätevyyttä { $name }
booking-clashes = päällekkäin toisen varauksen kanssa
booking-units-out-of-range = yksiköitä ei ole näin montaa
booking-qualification-missing = yhteyshenkilöllä ei ole vaadittua pätevyyttä
booking-in-the-past = aika on jo mennyt
booking-too-short = kesto alle vähimmäiskeston { $limit }
booking-too-long = kesto yli sallitun { $limit }
booking-too-soon = varattava vähintään { $limit } etukäteen
booking-too-far-ahead = voi varata enintään { $limit } etukäteen
booking-not-on-slot = ajan on alettava ja päätyttävä { $limit } välein
error-closed-public-holiday = suljettu arkipyhänä
error-closed-exception = suljettu tänä päivänä
error-outside-opening-hours = aukioloaikojen ulkopuolella
error-occurrence-nonexistent-start = alkamisaikaa ei ole, koska kellot siirtyvät kesäaikaan
error-occurrence-nonexistent-end = päättymisaikaa ei ole, koska kellot siirtyvät kesäaikaan
booking-done-title = Varaus tehty
block-done-title = Aika varattu omaan käyttöön
booking-made-count = { $count ->
    [one] Yksi aika varattiin.
   *[other] { $count } aikaa varattiin.
}
booking-waiting-note = Omistaja hyväksyy varaukset; saat tiedon, kun ne on käsitelty.
booking-total = Yhteensä
booking-skipped = Näitä aikoja ei varattu
booking-back-to-resource = Takaisin resurssiin
field-booking = Varaus
field-when = Aika
field-booking-status = Tila
field-price = Hinta

# Varaukset
bookings-title = Varaukset
bookings-waiting = Hyväksyntää odottavat pyynnöt
bookings-waiting-none = Ei odottavia pyyntöjä.
bookings-upcoming = Omat tulevat varaukset
bookings-past = Omat menneet varaukset
bookings-none = Sinulla ei ole tulevia varauksia.
bookings-find = Etsi vapaita aikoja
booking-confirm = Hyväksy
booking-reject = Hylkää
field-resource = Resurssi
booking-title = Varaus
field-booking-kind = Laji
field-no-show = Saapuminen
no-show-marked = ei saapunut
no-show-mark = Merkitse: varaaja ei saapunut
no-show-unmark = Poista merkintä: varaaja saapui
terms-always-free = Varauksen voi perua maksutta.
terms-free-until = Maksuton peruutus viimeistään { $limit } ennen alkua, eli { $deadline } asti.
terms-no-longer-free = Maksuton peruutusaika ({ $limit } ennen alkua) päättyi { $deadline }; peruutuksesta voidaan laskuttaa.
booking-cancel = Peru varaus
booking-cancel-confirm = Perutaanko varaus?
booking-series = Saman sarjan muut ajat

# Resurssilomake
resource-new-title = Julkaise resurssi
resource-edit-title = Muokkaa resurssia
resource-form-basics = Perustiedot
resource-form-place = Sijainti ja koko
resource-form-rules = Varaussäännöt
field-part-of = Osa resurssista
hint-part-of = Esimerkiksi hitsauskoppi on osa hitsaushallia: kun halli on varattu, kopitkin ovat.
part-of-none = — ei ole osa muuta —
field-description = Kuvaus
field-building = Rakennus
field-room = Huone
hint-quantity = Samanlaisten yksiköiden määrä (esim. 12 kannettavaa). Tyhjä = yksi.
field-approval = Hyväksyntä
field-eligibility = Kuka voi varata
field-required-qualification = Vaadittu pätevyys tai perehdytys
hint-required-qualification = Valitaan omistajaorganisaation pätevyyksistä.
qualifications-manage = Hallitse pätevyyksiä
qualification-none = — ei vaadita —
field-slot-minutes = Aikaväli (min)
hint-slot-minutes = Esim. 30 tai 60; tyhjä = vapaa alkamisaika.
field-min-duration-hours = Vähimmäiskesto (h)
field-max-duration-hours = Enimmäiskesto (h)
field-min-notice-hours = Varattava viimeistään (h ennen)
field-max-ahead-days = Varattavissa enintään (vrk etukäteen)
field-buffer-before = Valmisteluaika ennen (min)
field-buffer-after = Siivousaika jälkeen (min)
field-cancellation-free-hours = Maksuton peruutus (h ennen)
hint-rules-empty = Tyhjä kenttä = ei rajoitusta.
hint-prices = Euroina ilman arvonlisäveroa, esim. 45 tai 45,50. Tyhjä = ei hintaa.
hint-weekly-hours = Kirjoita kunkin päivän aukioloajat, esim. 08:00-16:00 tai 08:00-12:00, 13:00-16:00. Tyhjä päivä on suljettu. Jos kaikki päivät ovat tyhjiä, aukioloaikoja ei ole asetettu ja resurssi on varattavissa ympäri vuorokauden.
field-closed-on-holidays = Suljettu arkipyhinä
hint-exceptions = Yksittäiset päivät, joina aukiolo poikkeaa. Tyhjä aika = suljettu koko päivän. Poista poikkeus tyhjentämällä sen päivämäärä.
field-exception-hours = Aukiolo (esim. 08:00-12:00)
field-exception-note = Selite

# Pätevyydet
qualifications-title = Pätevyydet
qualifications-intro = Perehdytykset ja pätevyydet, joita organisaation resurssit voivat vaatia, ja niiden haltijat.
qualifications-none = Pätevyyksiä ei ole vielä luotu.
qualification-no-holders = Ei haltijoita.
qualification-holders = Haltijat
field-granted-on = Myönnetty
field-valid-until = Voimassa asti
field-qualification-valid = Tila
qualification-valid = voimassa
qualification-expired = ei voimassa
qualification-no-end = toistaiseksi
qualification-grant-title = Myönnä pätevyys
qualification-find-person = Hae henkilöä nimellä
field-qualification = Pätevyys
hint-valid-until = Tyhjä = toistaiseksi.
qualification-grant = Myönnä
qualification-new-title = Uusi pätevyys
field-qualification-name = Nimi
hint-qualification-name = Esim. CNC-sorvin turvallisuusperehdytys
qualification-create = Luo pätevyys

# Virheet
error-hours = Anna kesto tunteina, esim. 4 tai 1,5.
error-to-before-from = Loppupäivä on ennen alkupäivää.
error-search-too-long = Hae enintään kahden kuukauden jaksolta.
error-clock = Kellonaika ei ole kelvollinen (esim. 8.00 tai 13:30).
error-end-before-start = Päättymisajan on oltava alkamisajan jälkeen.
error-until-before-date = Toiston viimeinen päivä on ennen ensimmäistä.
error-repeat = Tuntematon toistuvuus.
error-units = Valitse määrä 1 – yksiköiden määrä.
error-booker = Valitse varaajaorganisaatio.
error-contact-of-booker = Yhteyshenkilön on oltava varaajaorganisaation henkilö.
error-not-eligible = Varaajaorganisaatio ei voi varata tätä resurssia sen sääntöjen mukaan.
error-owner-not-yours = Voit julkaista resursseja vain omalle organisaatiollesi.
error-qualification-of-owner = Valitse omistajaorganisaation pätevyys.
error-part-of-owner = Resurssi voi olla vain saman omistajan resurssin osa.
error-exceptions = Korjaa merkityt poikkeavat päivät.
error-qualification-taken = Organisaatiolla on jo tämänniminen pätevyys.
error-valid-until-before-granted = Voimassaolo päättyy ennen myöntämispäivää.
error-number = Anna kokonaisluku.
error-negative = Luku ei voi olla negatiivinen.
error-too-large = Luku on liian suuri.
error-zero = Arvo ei voi olla nolla.
error-id = Tunniste ei ole kelvollinen.
error-resource-kind = Tuntematon resurssin tyyppi.
error-approval = Tuntematon hyväksyntätapa.
error-eligibility = Tuntematon varausoikeus.
error-booker-kind = Tuntematon varaajan laji.
error-booking-status = Tuntematon varauksen tila.
error-booking-status-change = Varauksen tilaa ei voi enää muuttaa näin.
error-series-scope = Tuntematon sarjan osa.
error-holiday = Tuntematon arkipyhä.
error-charge-basis = Tuntematon hinnoitteluperuste.
error-slot-minutes = Aikavälin on jaettava tunti tai vuorokausi tasan (esim. 15, 30, 60 tai 120 min).
error-duration-off-slot = Keston on oltava aikavälin monikerta.
error-min-above-max = Vähimmäiskesto on suurempi kuin enimmäiskesto.
error-notice-beyond-horizon = Varausaika etukäteen on pidempi kuin varattavuusaika.
error-pool-units = Yksiköitä on oltava 1–10 000.
error-price = Hinta ei ole kelvollinen (esim. 45 tai 45,50).
error-price-negative = Hinta ei voi olla negatiivinen.
error-price-too-large = Hinta on liian suuri.
error-organisation-unknown = Tuntematon organisaatio.
error-part-of-unknown = Tuntematon resurssi.
error-part-of-cycle = Resurssi ei voi olla oman osansa osa.
error-part-of-two-wholes = Resurssi voi olla vain yhden kokonaisuuden osa.
error-start-after-end = Alku on lopun jälkeen.
error-opening-hours = Aukioloaika ei ole kelvollinen (esim. 08:00-16:00).
error-opening-hours-order = Aukioloajan on päätyttävä alkamisen jälkeen.
error-opening-hours-overlap = Saman päivän aukioloajat menevät päällekkäin.
error-opening-exception-duplicate = Samalle päivälle on jo poikkeus.
error-rrule-syntax = Toistosääntöä ei voi lukea (esim. FREQ=WEEKLY;BYDAY=TH).
error-rrule-unknown-part = Toistosäännössä on tuntematon osa.
error-rrule-unsupported = Tätä toistosäännön osaa ei tueta (käytä päivittäistä, viikoittaista tai kuukausittaista toistoa).
error-rrule-duplicate = Toistosäännössä on sama osa kahdesti.
error-rrule-frequency-missing = Toistosäännöstä puuttuu FREQ.
error-rrule-number = Toistosäännön luku ei ole kelvollinen.
error-rrule-weekday = Toistosäännön viikonpäivä ei ole kelvollinen.
error-rrule-until = Toistosäännön UNTIL-päivämäärä ei ole kelvollinen.
error-rrule-count-and-until = Toistosäännössä voi olla COUNT tai UNTIL, ei molempia.
error-rrule-unbounded = Anna viimeinen päivä tai toistojen määrä.
error-rrule-until-before-start = Toiston viimeinen päivä on ennen ensimmäistä.
error-rrule-too-many = Toistoja on liikaa (enintään 500).
error-rrule-too-far = Toisto ulottuu liian kauas tulevaisuuteen.
