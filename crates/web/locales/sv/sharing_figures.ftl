# Siffror om samutnyttjande (/resources/figures) och faktureringsunderlag (/resources/invoicing).

## Siffror om samutnyttjande

figures-title = Siffror om samutnyttjande
figures-answer = Under { $period } använde andra än ägarna nätverkets resurser i { $outside } timmar, det vill säga { $percent } % av alla { $hours } bokade timmar ({ $organisations ->
    [one] en organisation
   *[other] { $organisations } organisationer
} utanför ägarna).
figures-answer-owner = Under { $period } använde andra organisationer resurserna som ägs av { $owner } i { $outside } timmar, det vill säga { $percent } % av alla { $hours } bokade timmar ({ $organisations ->
    [one] en utomstående organisation
   *[other] { $organisations } utomstående organisationer
}).
figures-answer-none = Under { $period } finns inga bekräftade bokningar.
figures-from = Från och med månad
figures-to = Till och med månad
figures-month-hint = I formen åååå-mm, till exempel 2026-01.
figures-month-invalid = Ange månaden i formen åååå-mm, till exempel 2026-01. Siffrorna gäller standardperioden.
figures-period-reversed = Perioden slutar innan den börjar. Siffrorna gäller standardperioden.
figures-period-too-long = Perioden kan vara högst 36 månader. Siffrorna gäller standardperioden.
figures-owner = Ägare
figures-owner-all = Hela nätverket
figures-apply = Visa
figures-summary = Sammanfattning { $period }
figures-booked-hours = Bokade timmar
figures-outside-hours = Timmar utanför ägaren
figures-outside-share = Andel utanför ägaren
figures-outside-organisations = Organisationer utanför ägaren
figures-bookings = Bekräftade bokningar
figures-percent = { $value } %
figures-what-counts = Siffrorna omfattar bekräftade bokningar. Ägarens egna reserveringar (underhåll, eget bruk), väntande förfrågningar samt avslagna och avbokade bokningar ingår inte. En bokning som ingen kom till räknas som bokad tid. I en pool räknas varje enhet: fem bärbara datorer i fyra timmar är 20 timmar.
figures-to-invoicing = Faktureringsunderlag
figures-chart-title = Användningsgrad per månad
figures-chart-desc = Stapeln visar hur många procent av resursernas öppettid som var bokad varje månad. Samma siffror finns i tabellen under diagrammet.
figures-chart-caption = Bokade timmar i procent av öppettimmarna.
figures-by-month-table = Användningsgrad per månad som tabell
figures-col-month = Månad
figures-col-booked = Bokat (h)
figures-col-open = Öppet (h)
figures-col-utilisation = Användningsgrad
figures-utilisation = Användningsgrad per resurs
figures-utilisation-why = Bokade timmar i procent av varje månads öppettimmar. En resurs utan angivna öppettider är öppen dygnet runt.
figures-no-resources = Inga resurser.
figures-col-resource = Resurs
figures-col-owner = Ägare
figures-col-period = Hela perioden
figures-by-kind = Timmar per typ av bokare
figures-none = Inga bokningar.
figures-col-booker-kind = Typ av bokare
figures-col-bookings = Bokningar
figures-col-hours = Timmar
figures-col-share = Andel
figures-by-organisation = Timmar per organisation
figures-by-organisation-why = En organisations användning av egna resurser och av andras resurser visas på skilda rader. Samutnyttjande är användning utanför ägaren.
figures-col-organisation = Organisation
figures-col-use = Användning
figures-use-own = egna resurser
figures-use-outside = andras resurser
figures-no-shows = Bokningar som ingen kom till
figures-no-shows-why = Ägaren markerar en bokning som ingen kom till. Andelen räknas av periodens avslutade bekräftade bokningar.
figures-no-shows-none = Inga markerade bokningar som ingen kom till.
figures-col-ended = Avslutade bokningar
figures-col-no-shows = Kom inte
figures-booker-own = Egen organisation
figures-booker-institution = Läroanstalt eller forskningsinstitut
figures-booker-company = Företag
figures-booker-association = Förening
figures-booker-public_body = Offentlig aktör
figures-booker-none = Ingen bokare

## Faktureringsunderlag

invoicing-title = Faktureringsunderlag
invoicing-intro = Månadens fakturerbara bokningar per bokande organisation: bokningar som börjar under månaden, till det pris som fastställdes vid bokningen. Ägarens eget bruk och bokningar utan pris ingår inte. Mervärdesskatten 25,5 % räknas per rad.
invoicing-month = Månad
invoicing-of-month = Faktureringsunderlag { $month }
invoicing-download-xlsx = Ladda ner som Excel-fil (XLSX)
invoicing-download-csv = Ladda ner som CSV-fil
invoicing-to-figures = Månadens användningssiffror
invoicing-none = Månaden har inga fakturerbara bokningar.
invoicing-col-booker = Bokare
invoicing-col-business-id = FO-nummer
invoicing-col-price-group = Prisgrupp
invoicing-col-days = Dagar
invoicing-col-net = Pris utan moms
invoicing-col-vat = Moms 25,5 %
invoicing-col-total = Totalt
invoicing-total = Totalt
invoicing-how = Timmarna är bokad tid och dagarna bokningens kalenderdagar; i en pool räknas varje enhet. Priset utan moms är det pris som räknades ut vid bokningen.
nav-sharing-figures = Användningstal
