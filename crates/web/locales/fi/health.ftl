# Verkoston tila (/network/health) ja verkostokartta (/network/map).

## Verkoston tila

health-title = Verkoston tila
health-intro = Kumppaniverkosto yhdellä silmäyksellä: mitkä kumppanuudet ovat yhden ihmisen varassa, mitkä ovat hiljentyneet, mitkä sopimukset päättyvät pian ja millaisia kumppaneita verkostossa on.
health-summary = Tiivistelmä
health-organisations = Organisaatioita yhteensä
health-active = Aktiivisia kumppaneita
health-single-owner = Kumppanuudet yhden vastuuhenkilön varassa
health-single-owner-why = Jos ainoa vastuuhenkilö lähtee, kumppanuuden historia ja yhteydet lähtevät hänen mukanaan. Lisää näille kumppaneille toinen vastuuhenkilö.
health-single-owner-all = Näytä kaikki organisaatiolistassa
health-no-owner = Kumppanit ilman vastuuhenkilöä
health-dormant = Hiljentyneet kumppanit
health-dormant-label = { $count ->
    [one] Aktiiviset kumppanit, joihin ei ole pidetty yhteyttä päivään
   *[other] Aktiiviset kumppanit, joihin ei ole pidetty yhteyttä { $count } päivään
}
health-dormant-days-label = Hiljaiseksi, kun viimeisestä yhteydenpidosta on päiviä
health-dormant-days-hint = { $count ->
    [one] Kokonaisluku 1–3650. Oletus on { $count } päivä.
   *[other] Kokonaisluku 1–3650. Oletus on { $count } päivää.
}
health-dormant-days-apply = Päivitä
health-dormant-days-invalid = Anna päivien määrä kokonaislukuna väliltä 1–3650. Luvut on laskettu oletusarvolla.
health-expiring-label = { $count ->
    [one] Sopimukset, jotka päättyvät vuorokauden sisällä
   *[other] Sopimukset, jotka päättyvät { $count } päivän sisällä
}
health-partners-count = { $count ->
    [0] Ei yhtään kumppania.
    [one] Yksi kumppani.
   *[other] { $count } kumppania.
}
health-list-capped = { $count ->
    [one] Listassa näytetään ensimmäinen kumppani.
   *[other] Listassa näytetään { $count } ensimmäistä kumppania.
}
health-none = Ei yhtään.
health-never = ei koskaan
health-not-given = Ei tiedossa
health-count = Määrä
health-share = Osuus
health-percent = { $value } %
health-days-left = { $count ->
    [0] päättyy tänään
    [one] { $count } päivä
   *[other] { $count } päivää
}
health-col-organisation = Organisaatio
health-col-municipality = Kunta
health-col-last-interaction = Viimeisin yhteydenpito
health-col-owners = Vastuuhenkilöitä
health-col-agreement = Sopimus
health-col-agreement-kind = Sopimuksen laji
health-col-ends = Päättyy
health-col-days-left = Aikaa jäljellä
health-col-year = Vuosi
health-col-new-partners = Uusia kumppaneita
health-col-kind = Organisaation laji
health-col-status = Tila
health-col-industry = Toimiala (TOL 2008)
health-new-per-year = Uudet kumppanit vuosittain
health-new-per-year-desc = Pylväskaavio: kumppaneiksi tulleiden organisaatioiden määrä kunakin vuonna. Samat luvut ovat kaavion alla olevassa taulukossa.
health-new-per-year-caption = Pylvään korkeus on vuoden aikana kumppaniksi tulleiden organisaatioiden määrä.
health-new-per-year-table = Uudet kumppanit vuosittain taulukkona
health-composition = Verkoston rakenne
health-by-kind = Organisaatioiden lajit
health-by-status = Kumppanuuksien tilat
health-by-industry = Toimialat
health-by-municipality = Kunnat

## Verkostokartta

map-title = Verkostokartta
map-intro = Organisaatiot ryhmiteltyinä lajeittain ja niiden väliset yhteydet: yhteiset hankkeet, yhteiset sopimukset ja henkilöt, jotka ovat toimineet molemmissa. Valitse organisaatio avataksesi sen tiedot. Kartan sisältö on myös tekstinä kartan alla.
map-svg-desc = { $nodes } organisaatiota ja { $links } yhteyttä. Organisaatiot on ryhmitelty lajeittain; viivat ovat yhteyksiä, ja viivan paksuus kertoo yhteyksien määrän.
map-organisations-count = { $count ->
    [one] Kartalla on yksi organisaatio
   *[other] Kartalla on { $count } organisaatiota
}
map-links-count = { $count ->
    [0] ei yhteyksiä
    [one] yksi yhteys
   *[other] { $count } yhteyttä
}
map-capped = { $count ->
    [one] Kartalla näytetään vain yksi organisaatio.
   *[other] Kartalla näytetään enintään { $count } organisaatiota, eniten yhteyksiä omaavat ensin.
}
map-skip-to-text = Siirry kartan tekstiversioon
map-download-svg = Kartta SVG-kuvana
map-legend = Selite
map-legend-line = Viiva: { $kind }
map-legend-single-owner = Katkoviivareunus: vain yksi vastuuhenkilö
map-legend-no-owner = Pisteviivareunus: ei vastuuhenkilöä
map-legend-width = Mitä paksumpi viiva, sitä useampi yhteys organisaatioiden välillä.
map-link-agreement = yhteinen sopimus
map-link-project = yhteinen hanke
map-link-person = yhteinen yhteyshenkilö
map-single-owner = yksi vastuuhenkilö
map-no-owner = ei vastuuhenkilöä
map-text-alternative = Kartta tekstinä
map-links = Yhteydet
map-no-links = Organisaatioiden välillä ei ole vielä yhteyksiä.
map-organisations = Kartan organisaatiot
map-col-links = Yhteyksiä
map-col-owners = Vastuuhenkilöt
