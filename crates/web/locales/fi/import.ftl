# Tuonti ja vienti: taulukoiden lukeminen, sarakkeiden tulkinta, esikatselu ja tulos (suomi)
error-sheet-not-a-spreadsheet = Tiedosto ei ole taulukko. Tuo Excel-työkirja (.xlsx) tai CSV-tiedosto.
error-sheet-encoding = Tiedoston merkistöä ei voi lukea luotettavasti (rivi { $line }). Tallenna tiedosto Excelissä muodossa ”CSV UTF-8” ja yritä uudelleen.
error-sheet-empty = Tiedostossa ei ole otsikkoriviä eikä tietoja.
error-sheet-csv = CSV-tiedoston rivi { $line } on rikki (esimerkiksi lainausmerkki jää sulkematta).
error-sheet-xlsx = Excel-työkirjaa ei voi lukea. Tallenna se uudelleen muodossa .xlsx.
error-sheet-write = Taulukkoa ei voitu kirjoittaa.
error-import-missing-column = Mikään tiedoston sarake ei ole tulkittu tiedoksi ”{ $column }”. Valitse se sarakkeiden tulkinnasta.
error-import-column-twice = Sarakkeet ”{ $first }” ja ”{ $second }” on molemmat tulkittu tiedoksi ”{ $column }”. Valitse toiselle jokin muu tulkinta tai ”Ei tuoda”.
error-import-no-such-column = Tiedostossa ei ole saraketta { $index }.
error-duplicate-in-file = Sama organisaatio on tiedostossa jo aiemmin.
error-already-exists = Organisaatio on jo Vaskissa. Valitse tuontitavaksi ”Lisää uudet ja päivitä olemassa olevat”, jos haluat päivittää sen.
import-title = Tuo organisaatioita
import-intro = Tuo kumppaniorganisaatiot ja niiden yhteyshenkilöt Excel-työkirjasta tai CSV-tiedostosta. Näet ennen tallennusta, mitä tuonti tekisi.
import-file = Tiedosto (.xlsx tai .csv)
import-file-hint = Enintään { $size } Mt. Ensimmäisen rivin on oltava otsikkorivi (esim. Nimi, Y-tunnus, Kunta, Yhteyshenkilö).
import-mode = Tuontitapa
import-mode-create = Lisää vain uudet organisaatiot (olemassa olevat hylätään)
import-mode-upsert = Lisää uudet ja päivitä olemassa olevat
import-on-error = Jos jokin rivi on virheellinen
import-on-error-abort = Keskeytä: älä tallenna mitään
import-on-error-skip = Ohita virheelliset rivit ja tallenna muut
import-preview-submit = Esikatsele
import-preview-title = Tuonnin esikatselu
import-file-name = Tiedosto: { $name }
import-rows-read = { $count ->
    [one] yksi rivi
   *[other] { $count } riviä
}
import-mapping = Sarakkeiden tulkinta
import-mapping-intro = Tarkista, mitä tietoa kukin tiedoston sarake sisältää. Tunnistamattomat sarakkeet jätetään tuomatta, ellet valitse niille tulkintaa.
import-file-column = Tiedoston sarake
import-example = Esimerkkiarvo
import-meaning = Tulkinta
import-meaning-of = Sarakkeen { $column } tulkinta
import-not-recognised = ei tunnistettu
import-preview-again = Päivitä esikatselu
import-summary = Mitä tuonti tekisi
import-would-create = { $count ->
    [one] Yksi uusi organisaatio
   *[other] { $count } uutta organisaatiota
}
import-would-update = { $count ->
    [one] Yksi organisaatio päivitetään
   *[other] { $count } organisaatiota päivitetään
}
import-unchanged = { $count ->
    [one] Yksi organisaatio ennallaan
   *[other] { $count } organisaatiota ennallaan
}
import-refused = { $count ->
    [one] Yksi rivi hylätty
   *[other] { $count } riviä hylätty
}
import-refusals = Hylätyt rivit
import-refusals-shown = näytetään { $shown }
import-row = Rivi
import-column = Sarake
import-reason = Syy
import-value = Arvo
import-sample-creates = Esimerkkejä uusista organisaatioista
import-sample-updates = Esimerkkejä päivitettävistä organisaatioista
import-confirm-heading = Tallennus
import-would-abort = Tiedostossa on hylättyjä rivejä, joten tuonti keskeytyisi eikä mitään tallennettaisi. Korjaa tiedosto tai valitse ”Ohita virheelliset rivit ja tallenna muut” ja päivitä esikatselu.
import-nothing-to-write = Tuonti ei muuttaisi mitään.
import-confirm = Tuo organisaatiot
import-start-over = Aloita alusta toisella tiedostolla
import-done-title = Tuonnin tulos
import-aborted = Tuonti keskeytettiin hylättyjen rivien vuoksi. Mitään ei tallennettu.
import-written = Tuonti on tallennettu.
import-created = { $count ->
    [one] Yksi organisaatio lisättiin
   *[other] { $count } organisaatiota lisättiin
}
import-updated = { $count ->
    [one] Yksi organisaatio päivitettiin
   *[other] { $count } organisaatiota päivitettiin
}
import-to-organisations = Siirry organisaatioluetteloon
import-another = Tuo toinen tiedosto
import-duplicate-of-row = (sama kuin rivi { $row })
import-empty-file = Valittu tiedosto on tyhjä.
import-no-file = Valitse tuotava tiedosto.
import-upload-expired = Ladattu tiedosto ei ole enää tallessa (se säilyy tunnin). Lataa tiedosto uudelleen.
import-column-name = Nimi
import-column-business_id = Y-tunnus
import-column-kind = Tyyppi
import-column-industry = Toimiala
import-column-municipality = Kunta
import-column-address = Osoite
import-column-website = Verkkosivut
import-column-tags = Tunnisteet
import-column-cooperation = Yhteistyön muodot
import-column-status = Tila
import-column-notes = Muistiinpanot
import-column-contact_name = Yhteyshenkilö
import-column-contact_title = Yhteyshenkilön tehtävänimike
import-column-contact_email = Yhteyshenkilön sähköposti
import-column-contact_phone = Yhteyshenkilön puhelin
import-column-ignore = Ei tuoda
audit-export = Viety
