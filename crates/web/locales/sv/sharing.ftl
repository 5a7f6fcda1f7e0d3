# Vaski: delad användning – resurser, bokningar och behörigheter (svenska)
nav-sharing = Delad användning
nav-bookings = Bokningar
sharing-nav = Meny för delad användning
calendar-subscribe = Prenumerera på dina bokningar i din egen kalender
calendar-subscribe-short = Kalenderprenumeration
calendar-intro = Dina bokningar syns också i ditt eget kalenderprogram.
calendar-file = Kalenderfil (.ics)
today = i dag

# Dagar, månader och tider
weekday-1 = måndag
weekday-2 = tisdag
weekday-3 = onsdag
weekday-4 = torsdag
weekday-5 = fredag
weekday-6 = lördag
weekday-7 = söndag
weekday-short-1 = mån
weekday-short-2 = tis
weekday-short-3 = ons
weekday-short-4 = tor
weekday-short-5 = fre
weekday-short-6 = lör
weekday-short-7 = sön
month-1 = januari
month-2 = februari
month-3 = mars
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = augusti
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
duration-days = { $count } dygn
duration-hours = { $count } h
duration-minutes = { $count } min

# Vokabulär
resource-kind-learning_environment = Lärmiljö
resource-kind-facility = Lokal
resource-kind-machine = Maskin
resource-kind-equipment = Utrustning
resource-kind-vehicle = Fordon
resource-kind-other = Annat
approval-automatic = Bekräftas genast
approval-owner = Ägaren godkänner
eligibility-own_institution = Endast den egna läroanstalten
eligibility-network_institutions = Nätverkets läroanstalter
eligibility-registered_partners = Alla registrerade partner
booker-own = Den egna organisationen
booker-institution = Läroanstalt eller forskningsinstitut
booker-company = Företag
booker-association = Förening
booker-public_body = Offentlig aktör
booking-status-requested = väntar på godkännande
booking-status-confirmed = bekräftad
booking-status-rejected = avslagen
booking-status-cancelled = avbokad
series-scope-this = endast denna gång
series-scope-following = denna och följande
series-scope-all = hela serien
holiday-new_years_day = nyårsdagen
holiday-epiphany = trettondagen
holiday-good_friday = långfredagen
holiday-easter_sunday = påskdagen
holiday-easter_monday = annandag påsk
holiday-may_day = första maj
holiday-ascension_day = Kristi himmelsfärdsdag
holiday-whitsun = pingstdagen
holiday-midsummer_eve = midsommarafton
holiday-midsummer_day = midsommardagen
holiday-all_saints_day = alla helgons dag
holiday-independence_day = självständighetsdagen
holiday-christmas_eve = julafton
holiday-christmas_day = juldagen
holiday-st_stephens_day = annandag jul

# Resurslistan och sökning efter lediga tider
resources-title = Delad användning
resources-intro = Nätverkets maskiner, lokaler och lärmiljöer som kan bokas.
resources-search = Sök resurser
resources-search-text = Sökord
resources-availability = Lediga tider
resources-availability-hint = Ange en period och hur länge du behöver resursen, så ser du de lediga tider där bokningen ryms.
field-from = Från
field-to = Till
field-duration-hours = Längd (timmar)
resources-count = { $count ->
    [one] En resurs.
   *[other] { $count } resurser.
}
resources-search-capped = lediga tider söktes för de 50 första; precisera sökningen
resources-free-times = Lediga tider där bokningen ryms:
resources-more-times = { $count ->
    [one] och en annan tid.
   *[other] och { $count } andra tider.
}
resources-see-calendar = Se kalendern
resource-not-for-you = Din organisation kan inte boka denna resurs.
resource-no-free-time = Ingen ledig tid där bokningen ryms.
resource-viewer-cannot-book = Du har läsrätt: du kan se bokningsläget men inte boka.

# Resursens sida
resource-title = Resurs
resource-details = Uppgifter
resource-parts = Delar
resource-rules = Bokningsregler
resource-prices = Priser
resource-no-prices = Inga priser har angetts.
resource-hours = Öppettider
resource-always-open = Inga öppettider har angetts: kan bokas dygnet runt.
resource-exceptions = Avvikande dagar
resource-closed-on-holidays = Stängt på helgdagar.
resource-open-on-holidays = Öppet också på helgdagar.
resource-open = Öppet
field-resource-kind = Typ
field-resource-owner = Ägare
field-location = Plats
field-capacity-people = Högst antal personer
field-quantity = Antal enheter
field-accessibility = Tillgänglighet
field-booker-kind = Bokare
field-price-hour = Pris / timme
field-price-day = Pris / dag
price-vat-note = Priserna är utan mervärdesskatt.
price-vat-excluded = (moms 0 %)
rule-approval-owner = Bokningar kräver ägarens godkännande.
rule-approval-automatic = Bokningar bekräftas genast.
rule-eligibility-own_institution = Endast ägarorganisationen kan boka.
rule-eligibility-network_institutions = Nätverkets läroanstalter kan boka.
rule-eligibility-registered_partners = Alla registrerade partner kan boka.
rule-slot = Bokningar börjar och slutar med { $limit } intervall.
rule-min-duration = Minsta längd { $limit }.
rule-max-duration = Största längd { $limit }.
rule-min-notice = Ska bokas minst { $limit } i förväg.
rule-max-ahead = Kan bokas högst { $limit } i förväg.
rule-buffer-before = Förberedelsetid före bokningen { $limit }.
rule-buffer-after = Städ- och avsvalningstid efter bokningen { $limit }.
rule-cancellation-free = Avgiftsfri avbokning senast { $limit } före början.
rule-cancellation-always-free = Avbokning är alltid avgiftsfri.
rule-qualification = Kräver behörigheten: { $name }.
rule-pool = { $count ->
    [one] En enhet.
   *[other] { $count } likadana enheter; boka det antal du behöver.
}
hours-closed = stängt
hours-closed-exception = stängt (undantag)
hours-closed-holiday = stängt: { $holiday }
hours-all-day = hela dygnet
week-title = Vecka { $week }: { $from }–{ $to }
week-nav = Veckor
week-previous = Föregående vecka
week-current = Denna vecka
week-next = Nästa vecka
week-free = Ledigt
week-number = Veckonummer
week-abbr = v.
month-nav = Månader
month-previous = Föregående månad
month-next = Nästa månad
month-closed = stängt
month-bookings = { $count ->
    [one] 1 bokning
   *[other] { $count } bokningar
}
booking-kind-block = Ägarens användning
booking-taken = Bokad
booking-units-count = { $count ->
    [one] 1 st.
   *[other] { $count } st.
}

# Bokningsformulär
booking-form-title = Boka
block-form-title = Reservera tid för eget bruk
block-form-open = Lägg till underhåll eller annat eget bruk
booking-requires = Användningen kräver behörigheten { $name }: välj en kontaktperson som har den i kraft.
field-start = Börjar kl.
field-end = Slutar kl.
field-units = Antal
hint-units = Högst { $count } st.
field-booker = Bokare
booker-own-use = { $name } (eget bruk)
field-contact = Kontaktperson
contact-none = — inte vald —
field-people = Antal personer
field-purpose = Ändamål
field-block-reason = Orsak (t.ex. underhåll)
field-repeat = Upprepning
repeat-none = Upprepas inte
repeat-weekly = Varje vecka
repeat-biweekly = Varannan vecka
repeat-monthly = Varje månad samma veckodag
repeat-custom = Egen upprepningsregel (RRULE)
field-until = Upprepas till och med
hint-until = Den sista dagen bokningen upprepas.
field-rrule = Upprepningsregel
hint-rrule = Till exempel FREQ=WEEKLY;BYDAY=TU,TH (iCalendar RRULE).
booking-submit = Boka
block-submit = Reservera för eget bruk

# Avslag och resultat
booking-refused-title = Alla tider kan inte bokas
booking-refused-count = { $count ->
    [one] En tid kan inte bokas:
   *[other] { $count } tider kan inte bokas:
}
booking-rest-can-be-booked = { $count ->
    [one] En annan tid är ledig.
   *[other] De övriga { $count } tiderna är lediga.
}
booking-book-rest = { $count ->
    [one] Boka resten (1 tid)
   *[other] Boka resten ({ $count } tider)
}
booking-change-and-retry = Ändra bokningen och försök igen
refusal-clash = överlappar bokning #{ $id } ({ $details })
refusal-clash-block = överlappar ägarens eget bruk #{ $id } ({ $details })
refusal-clash-within = överlappar en annan tid i samma bokning
refusal-units = { $requested } st. begärdes, men det finns bara { $capacity }
refusal-closed-holiday = stängt: { $holiday }
refusal-qualification = kontaktpersonen har inte behörigheten { $name } i kraft
booking-clashes = överlappar en annan bokning
booking-units-out-of-range = så många enheter finns inte
booking-qualification-missing = kontaktpersonen saknar den behörighet som krävs
booking-in-the-past = tiden har redan gått
booking-too-short = kortare än minsta längden { $limit }
booking-too-long = längre än tillåtna { $limit }
booking-too-soon = ska bokas minst { $limit } i förväg
booking-too-far-ahead = kan bokas högst { $limit } i förväg
booking-not-on-slot = tiden ska börja och sluta med { $limit } intervall
error-closed-public-holiday = stängt på helgdag
error-closed-exception = stängt denna dag
error-outside-opening-hours = utanför öppettiderna
error-occurrence-nonexistent-start = starttiden finns inte, eftersom klockan ställs om till sommartid
error-occurrence-nonexistent-end = sluttiden finns inte, eftersom klockan ställs om till sommartid
booking-done-title = Bokningen är gjord
block-done-title = Tiden är reserverad för eget bruk
booking-made-count = { $count ->
    [one] En tid bokades.
   *[other] { $count } tider bokades.
}
booking-waiting-note = Ägaren godkänner bokningarna; du får besked när de har behandlats.
booking-total = Totalt
booking-skipped = Dessa tider bokades inte
booking-back-to-resource = Tillbaka till resursen
field-booking = Bokning
field-when = Tid
field-booking-status = Status
field-price = Pris

# Bokningar
bookings-title = Bokningar
bookings-waiting = Förfrågningar som väntar på godkännande
bookings-waiting-none = Inga väntande förfrågningar.
bookings-upcoming = Mina kommande bokningar
bookings-past = Mina tidigare bokningar
bookings-none = Du har inga kommande bokningar.
bookings-find = Sök lediga tider
booking-confirm = Godkänn
booking-reject = Avslå
field-resource = Resurs
booking-title = Bokning
field-booking-kind = Slag
field-no-show = Ankomst
no-show-marked = kom inte
no-show-mark = Markera: bokaren kom inte
no-show-unmark = Ta bort markeringen: bokaren kom
terms-always-free = Bokningen kan avbokas avgiftsfritt.
terms-free-until = Avgiftsfri avbokning senast { $limit } före början, alltså till { $deadline }.
terms-no-longer-free = Tiden för avgiftsfri avbokning ({ $limit } före början) gick ut { $deadline }; avbokningen kan faktureras.
booking-cancel = Avboka
booking-cancel-confirm = Vill du avboka?
booking-series = Övriga tider i samma serie

# Resursformulär
resource-new-title = Publicera en resurs
resource-edit-title = Redigera resursen
resource-form-basics = Grunduppgifter
resource-form-place = Plats och storlek
resource-form-rules = Bokningsregler
field-part-of = Del av resurs
hint-part-of = Till exempel är en svetsbås en del av svetshallen: när hallen är bokad är också båsen det.
part-of-none = — inte del av någon annan —
field-description = Beskrivning
field-building = Byggnad
field-room = Rum
hint-quantity = Antal likadana enheter (t.ex. 12 bärbara datorer). Tomt = en.
field-approval = Godkännande
field-eligibility = Vem kan boka
field-required-qualification = Behörighet eller introduktion som krävs
hint-required-qualification = Väljs bland ägarorganisationens behörigheter.
qualifications-manage = Hantera behörigheter
qualification-none = — krävs inte —
field-slot-minutes = Tidsintervall (min)
hint-slot-minutes = T.ex. 30 eller 60; tomt = fri starttid.
field-min-duration-hours = Minsta längd (h)
field-max-duration-hours = Största längd (h)
field-min-notice-hours = Ska bokas senast (h före)
field-max-ahead-days = Kan bokas högst (dygn i förväg)
field-buffer-before = Förberedelsetid före (min)
field-buffer-after = Städtid efter (min)
field-cancellation-free-hours = Avgiftsfri avbokning (h före)
hint-rules-empty = Tomt fält = ingen begränsning.
hint-prices = I euro utan moms, t.ex. 45 eller 45,50. Tomt = inget pris.
hint-weekly-hours = Skriv varje dags öppettider, t.ex. 08:00-16:00 eller 08:00-12:00, 13:00-16:00. En tom dag är stängd. Om alla dagar är tomma har inga öppettider angetts och resursen kan bokas dygnet runt.
field-closed-on-holidays = Stängt på helgdagar
hint-exceptions = Enskilda dagar då öppettiderna avviker. Tom tid = stängt hela dagen. Ta bort ett undantag genom att tömma datumet.
field-exception-hours = Öppet (t.ex. 08:00-12:00)
field-exception-note = Förklaring

# Behörigheter
qualifications-title = Behörigheter
qualifications-intro = Introduktioner och behörigheter som organisationens resurser kan kräva, och deras innehavare.
qualifications-none = Inga behörigheter har skapats ännu.
qualification-no-holders = Inga innehavare.
qualification-holders = Innehavare
field-granted-on = Beviljad
field-valid-until = Giltig till
field-qualification-valid = Status
qualification-valid = giltig
qualification-expired = inte giltig
qualification-no-end = tills vidare
qualification-grant-title = Bevilja behörighet
qualification-find-person = Sök person med namn
field-qualification = Behörighet
hint-valid-until = Tomt = tills vidare.
qualification-grant = Bevilja
qualification-new-title = Ny behörighet
field-qualification-name = Namn
hint-qualification-name = T.ex. säkerhetsintroduktion för CNC-svarv
qualification-create = Skapa behörighet

# Fel
error-hours = Ange längden i timmar, t.ex. 4 eller 1,5.
error-to-before-from = Slutdagen är före startdagen.
error-search-too-long = Sök högst två månader åt gången.
error-clock = Klockslaget är inte giltigt (t.ex. 8.00 eller 13:30).
error-end-before-start = Sluttiden måste vara efter starttiden.
error-until-before-date = Upprepningens sista dag är före den första.
error-repeat = Okänd upprepning.
error-units = Välj ett antal mellan 1 och antalet enheter.
error-booker = Välj bokarens organisation.
error-contact-of-booker = Kontaktpersonen måste höra till bokarens organisation.
error-not-eligible = Bokarens organisation kan inte boka denna resurs enligt dess regler.
error-owner-not-yours = Du kan publicera resurser endast för din egen organisation.
error-qualification-of-owner = Välj en behörighet som hör till ägarorganisationen.
error-part-of-owner = En resurs kan bara vara del av en resurs med samma ägare.
error-exceptions = Rätta de markerade avvikande dagarna.
error-qualification-taken = Organisationen har redan en behörighet med detta namn.
error-valid-until-before-granted = Giltigheten upphör före beviljandedagen.
error-number = Ange ett heltal.
error-negative = Talet kan inte vara negativt.
error-too-large = Talet är för stort.
error-zero = Värdet kan inte vara noll.
error-id = Identifieraren är inte giltig.
error-resource-kind = Okänd resurstyp.
error-approval = Okänt sätt att godkänna.
error-eligibility = Okänd bokningsrätt.
error-booker-kind = Okänt slag av bokare.
error-booking-status = Okänd bokningsstatus.
error-booking-status-change = Bokningens status kan inte längre ändras så.
error-series-scope = Okänd del av serien.
error-holiday = Okänd helgdag.
error-charge-basis = Okänd prissättningsgrund.
error-slot-minutes = Tidsintervallet ska dela en timme eller ett dygn jämnt (t.ex. 15, 30, 60 eller 120 min).
error-duration-off-slot = Längden ska vara en multipel av tidsintervallet.
error-min-above-max = Minsta längden är större än största längden.
error-notice-beyond-horizon = Tiden för bokning i förväg är längre än bokningshorisonten.
error-pool-units = Antalet enheter ska vara 1–10 000.
error-price = Priset är inte giltigt (t.ex. 45 eller 45,50).
error-price-negative = Priset kan inte vara negativt.
error-price-too-large = Priset är för stort.
error-organisation-unknown = Okänd organisation.
error-part-of-unknown = Okänd resurs.
error-part-of-cycle = En resurs kan inte vara del av sin egen del.
error-part-of-two-wholes = En resurs kan bara vara del av en helhet.
error-start-after-end = Början är efter slutet.
error-opening-hours = Öppettiden är inte giltig (t.ex. 08:00-16:00).
error-opening-hours-order = Öppettiden ska sluta efter att den börjar.
error-opening-hours-overlap = Samma dags öppettider överlappar.
error-opening-exception-duplicate = Det finns redan ett undantag för samma dag.
error-rrule-syntax = Upprepningsregeln kan inte läsas (t.ex. FREQ=WEEKLY;BYDAY=TH).
error-rrule-unknown-part = Upprepningsregeln har en okänd del.
error-rrule-unsupported = Denna del av upprepningsregeln stöds inte (använd daglig, veckovis eller månatlig upprepning).
error-rrule-duplicate = Upprepningsregeln har samma del två gånger.
error-rrule-frequency-missing = FREQ saknas i upprepningsregeln.
error-rrule-number = Ett tal i upprepningsregeln är inte giltigt.
error-rrule-weekday = En veckodag i upprepningsregeln är inte giltig.
error-rrule-until = Upprepningsregelns UNTIL-datum är inte giltigt.
error-rrule-count-and-until = Upprepningsregeln kan ha COUNT eller UNTIL, inte båda.
error-rrule-unbounded = Ange sista dag eller antal upprepningar.
error-rrule-until-before-start = Upprepningens sista dag är före den första.
error-rrule-too-many = För många upprepningar (högst 500).
error-rrule-too-far = Upprepningen sträcker sig för långt in i framtiden.
