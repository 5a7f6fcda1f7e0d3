# Yhteiskäytön luvut (/resources/figures) ja laskutusperuste (/resources/invoicing).

## Yhteiskäytön luvut

figures-title = Yhteiskäytön luvut
figures-answer = Ajalla { $period } verkoston resursseja käyttivät muut kuin niiden omistajat { $outside } tuntia eli { $percent } % kaikista { $hours } varatusta tunnista ({ $organisations ->
    [one] yksi organisaatio
   *[other] { $organisations } organisaatiota
} omistajien ulkopuolelta).
figures-answer-owner = Ajalla { $period } organisaation { $owner } resursseja käyttivät muut organisaatiot { $outside } tuntia eli { $percent } % kaikista { $hours } varatusta tunnista ({ $organisations ->
    [one] yksi ulkopuolinen organisaatio
   *[other] { $organisations } ulkopuolista organisaatiota
}).
figures-answer-none = Ajalla { $period } ei ole vahvistettuja varauksia.
figures-from = Alkaen kuukaudesta
figures-to = Päättyen kuukauteen
figures-month-hint = Muodossa vvvv-kk, esimerkiksi 2026-01.
figures-month-invalid = Anna kuukausi muodossa vvvv-kk, esimerkiksi 2026-01. Luvut on laskettu oletusjaksolta.
figures-period-reversed = Jakso päättyy ennen kuin se alkaa. Luvut on laskettu oletusjaksolta.
figures-period-too-long = Jakso voi olla enintään 36 kuukautta. Luvut on laskettu oletusjaksolta.
figures-owner = Omistaja
figures-owner-all = Koko verkosto
figures-apply = Näytä
figures-summary = Tiivistelmä { $period }
figures-booked-hours = Varattuja tunteja
figures-outside-hours = Tunteja omistajan ulkopuolella
figures-outside-share = Osuus omistajan ulkopuolella
figures-outside-organisations = Organisaatioita omistajan ulkopuolelta
figures-bookings = Vahvistettuja varauksia
figures-percent = { $value } %
figures-what-counts = Luvuissa ovat vahvistetut varaukset. Omistajan omat varaukset (huolto, oma käyttö), odottavat pyynnöt sekä hylätyt ja perutut varaukset eivät ole mukana. Varaus, johon ei saavuttu, lasketaan varatuksi ajaksi. Laitepoolissa jokainen yksikkö lasketaan: viisi kannettavaa neljäksi tunniksi on 20 tuntia.
figures-to-invoicing = Laskutusperuste
figures-chart-title = Käyttöaste kuukausittain
figures-chart-desc = Pylväs kertoo, kuinka monta prosenttia resurssien aukioloajasta oli varattu kunakin kuukautena. Samat luvut ovat taulukossa kaavion alla.
figures-chart-caption = Varatut tunnit prosentteina aukiolotunneista.
figures-by-month-table = Käyttöaste kuukausittain taulukkona
figures-col-month = Kuukausi
figures-col-booked = Varattu (h)
figures-col-open = Auki (h)
figures-col-utilisation = Käyttöaste
figures-utilisation = Käyttöaste resursseittain
figures-utilisation-why = Varatut tunnit prosentteina kunkin kuukauden aukiolotunneista. Resurssi, jolle ei ole annettu aukioloaikoja, on auki ympäri vuorokauden.
figures-no-resources = Ei resursseja.
figures-col-resource = Resurssi
figures-col-owner = Omistaja
figures-col-period = Koko jakso
figures-by-kind = Tunnit varaajatyypeittäin
figures-none = Ei varauksia.
figures-col-booker-kind = Varaajatyyppi
figures-col-bookings = Varauksia
figures-col-hours = Tunnit
figures-col-share = Osuus
figures-by-organisation = Tunnit organisaatioittain
figures-by-organisation-why = Organisaation omien resurssien käyttö ja muiden resurssien käyttö ovat omilla riveillään. Yhteiskäyttöä on käyttö omistajan ulkopuolella.
figures-col-organisation = Organisaatio
figures-col-use = Käyttö
figures-use-own = omat resurssit
figures-use-outside = muiden resurssit
figures-no-shows = Saapumatta jääneet varaukset
figures-no-shows-why = Omistaja merkitsee varauksen, johon ei saavuttu. Osuus lasketaan jakson päättyneistä vahvistetuista varauksista.
figures-no-shows-none = Ei merkittyjä saapumatta jääneitä varauksia.
figures-col-ended = Päättyneitä varauksia
figures-col-no-shows = Ei saavuttu
figures-booker-own = Oma organisaatio
figures-booker-institution = Oppilaitos tai tutkimuslaitos
figures-booker-company = Yritys
figures-booker-association = Yhdistys
figures-booker-public_body = Julkinen toimija
figures-booker-none = Ei varaajaa

## Laskutusperuste

invoicing-title = Laskutusperuste
invoicing-intro = Kuukauden laskutettavat varaukset varaajaorganisaatioittain: varaukset, jotka alkavat kuukauden aikana, varaushetkellä vahvistetuin hinnoin. Omistajan oma käyttö ja hinnattomat varaukset eivät ole mukana. Arvonlisävero 25,5 % lasketaan riveittäin.
invoicing-month = Kuukausi
invoicing-of-month = Laskutusperuste { $month }
invoicing-download-xlsx = Lataa Excel-tiedostona (XLSX)
invoicing-download-csv = Lataa CSV-tiedostona
invoicing-to-figures = Kuukauden käyttöluvut
invoicing-none = Kuukaudelta ei ole laskutettavia varauksia.
invoicing-col-booker = Varaaja
invoicing-col-business-id = Y-tunnus
invoicing-col-price-group = Hintaryhmä
invoicing-col-days = Päivät
invoicing-col-net = Veroton hinta
invoicing-col-vat = ALV 25,5 %
invoicing-col-total = Yhteensä
invoicing-total = Yhteensä
invoicing-how = Tunnit ovat varattua aikaa ja päivät varauksen kalenteripäiviä; laitepoolissa jokainen yksikkö lasketaan. Veroton hinta on varaushetkellä laskettu hinta.
nav-sharing-figures = Käyttöluvut
