# Nätverkets läge (/network/health) och nätverkskartan (/network/map).

## Nätverkets läge

health-title = Nätverkets läge
health-intro = Partnernätverket i en överblick: vilka partnerskap vilar på en enda person, vilka har tystnat, vilka avtal löper snart ut och vilka slags partner nätverket har.
health-summary = Sammandrag
health-organisations = Organisationer totalt
health-active = Aktiva partner
health-single-owner = Partnerskap som vilar på en enda ansvarsperson
health-single-owner-why = Om den enda ansvarspersonen slutar försvinner partnerskapets historia och kontakter med hen. Lägg till en andra ansvarsperson för dessa partner.
health-single-owner-all = Visa alla i organisationslistan
health-no-owner = Partner utan ansvarsperson
health-dormant = Partner som tystnat
health-dormant-label = { $count ->
    [one] Aktiva partner som ingen haft kontakt med på ett dygn
   *[other] Aktiva partner som ingen haft kontakt med på { $count } dagar
}
health-dormant-days-label = Tyst när det gått så många dagar sedan senaste kontakten
health-dormant-days-hint = { $count ->
    [one] Ett heltal 1–3650. Standard är { $count } dag.
   *[other] Ett heltal 1–3650. Standard är { $count } dagar.
}
health-dormant-days-apply = Uppdatera
health-dormant-days-invalid = Ange antalet dagar som ett heltal mellan 1 och 3650. Siffrorna har räknats med standardvärdet.
health-expiring-label = { $count ->
    [one] Avtal som löper ut inom ett dygn
   *[other] Avtal som löper ut inom { $count } dagar
}
health-partners-count = { $count ->
    [0] Inga partner.
    [one] En partner.
   *[other] { $count } partner.
}
health-list-capped = { $count ->
    [one] Listan visar den första partnern.
   *[other] Listan visar de { $count } första partnerna.
}
health-none = Inga.
health-never = aldrig
health-not-given = Okänt
health-count = Antal
health-share = Andel
health-percent = { $value } %
health-days-left = { $count ->
    [0] löper ut i dag
    [one] { $count } dag
   *[other] { $count } dagar
}
health-col-organisation = Organisation
health-col-municipality = Kommun
health-col-last-interaction = Senaste kontakt
health-col-owners = Ansvarspersoner
health-col-agreement = Avtal
health-col-agreement-kind = Avtalstyp
health-col-ends = Upphör
health-col-days-left = Tid kvar
health-col-year = År
health-col-new-partners = Nya partner
health-col-kind = Organisationstyp
health-col-status = Läge
health-col-industry = Bransch (TOL 2008)
health-new-per-year = Nya partner per år
health-new-per-year-desc = Stapeldiagram: antalet organisationer som blivit partner varje år. Samma siffror finns i tabellen under diagrammet.
health-new-per-year-caption = Stapelns höjd är antalet organisationer som blev partner under året.
health-new-per-year-table = Nya partner per år som tabell
health-composition = Nätverkets sammansättning
health-by-kind = Organisationstyper
health-by-status = Partnerskapens läge
health-by-industry = Branscher
health-by-municipality = Kommuner

## Nätverkskartan

map-title = Nätverkskarta
map-intro = Organisationerna grupperade efter typ och förbindelserna mellan dem: gemensamma projekt, gemensamma avtal och personer som verkat vid båda. Välj en organisation för att öppna dess uppgifter. Kartans innehåll finns också som text under kartan.
map-svg-desc = { $nodes } organisationer och { $links } förbindelser. Organisationerna är grupperade efter typ; linjerna är förbindelser, och linjens tjocklek anger antalet förbindelser.
map-organisations-count = { $count ->
    [one] Kartan visar en organisation
   *[other] Kartan visar { $count } organisationer
}
map-links-count = { $count ->
    [0] inga förbindelser
    [one] en förbindelse
   *[other] { $count } förbindelser
}
map-capped = { $count ->
    [one] Kartan visar bara en organisation.
   *[other] Kartan visar högst { $count } organisationer, de med flest förbindelser först.
}
map-skip-to-text = Gå till kartans textversion
map-download-svg = Kartan som SVG-bild
map-legend = Teckenförklaring
map-legend-line = Linje: { $kind }
map-legend-single-owner = Streckad kant: bara en ansvarsperson
map-legend-no-owner = Prickad kant: ingen ansvarsperson
map-legend-width = Ju tjockare linje, desto fler förbindelser mellan organisationerna.
map-link-agreement = gemensamt avtal
map-link-project = gemensamt projekt
map-link-person = gemensam kontaktperson
map-single-owner = en ansvarsperson
map-no-owner = ingen ansvarsperson
map-text-alternative = Kartan som text
map-links = Förbindelser
map-no-links = Det finns ännu inga förbindelser mellan organisationerna.
map-organisations = Organisationerna på kartan
map-col-links = Förbindelser
map-col-owners = Ansvarspersoner
