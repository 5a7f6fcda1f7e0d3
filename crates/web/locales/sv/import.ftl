# Import och export: läsning av tabeller, tolkning av kolumner, förhandsvisning och resultat (svenska)
error-sheet-not-a-spreadsheet = Filen är ingen tabell. Importera en Excel-arbetsbok (.xlsx) eller en CSV-fil.
error-sheet-encoding = Filens teckenkodning kan inte läsas tillförlitligt (rad { $line }). Spara filen i Excel i formatet ”CSV UTF-8” och försök igen.
error-sheet-empty = Filen har ingen rubrikrad och inga uppgifter.
error-sheet-csv = Rad { $line } i CSV-filen är trasig (till exempel ett citattecken som inte stängs).
error-sheet-xlsx = Excel-arbetsboken kan inte läsas. Spara den på nytt i formatet .xlsx.
error-sheet-write = Tabellen kunde inte skrivas.
error-import-missing-column = Ingen kolumn i filen är tolkad som ”{ $column }”. Välj den i tolkningen av kolumnerna.
error-import-column-twice = Kolumnerna ”{ $first }” och ”{ $second }” är båda tolkade som ”{ $column }”. Välj en annan tolkning för den ena eller ”Importeras inte”.
error-import-no-such-column = Filen har ingen kolumn { $index }.
error-duplicate-in-file = Samma organisation finns redan tidigare i filen.
error-already-exists = Organisationen finns redan i Vaski. Välj importsättet ”Lägg till nya och uppdatera befintliga” om du vill uppdatera den.
import-title = Importera organisationer
import-intro = Importera partnerorganisationer och deras kontaktpersoner från en Excel-arbetsbok eller en CSV-fil. Du ser vad importen skulle göra innan något sparas.
import-file = Fil (.xlsx eller .csv)
import-file-hint = Högst { $size } MB. Första raden ska vara en rubrikrad (t.ex. Namn, FO-nummer, Kommun, Kontaktperson).
import-mode = Importsätt
import-mode-create = Lägg bara till nya organisationer (befintliga avvisas)
import-mode-upsert = Lägg till nya och uppdatera befintliga
import-on-error = Om någon rad är felaktig
import-on-error-abort = Avbryt: spara ingenting
import-on-error-skip = Hoppa över felaktiga rader och spara resten
import-preview-submit = Förhandsgranska
import-preview-title = Förhandsvisning av importen
import-file-name = Fil: { $name }
import-rows-read = { $count ->
    [one] en rad
   *[other] { $count } rader
}
import-mapping = Tolkning av kolumnerna
import-mapping-intro = Kontrollera vilka uppgifter varje kolumn i filen innehåller. Kolumner som inte känns igen importeras inte, om du inte väljer en tolkning för dem.
import-file-column = Kolumn i filen
import-example = Exempelvärde
import-meaning = Tolkning
import-meaning-of = Tolkning av kolumnen { $column }
import-not-recognised = känns inte igen
import-preview-again = Uppdatera förhandsvisningen
import-summary = Vad importen skulle göra
import-would-create = { $count ->
    [one] En ny organisation
   *[other] { $count } nya organisationer
}
import-would-update = { $count ->
    [one] En organisation uppdateras
   *[other] { $count } organisationer uppdateras
}
import-unchanged = { $count ->
    [one] En organisation oförändrad
   *[other] { $count } organisationer oförändrade
}
import-refused = { $count ->
    [one] En rad avvisad
   *[other] { $count } rader avvisade
}
import-refusals = Avvisade rader
import-refusals-shown = { $shown } visas
import-row = Rad
import-column = Kolumn
import-reason = Orsak
import-value = Värde
import-sample-creates = Exempel på nya organisationer
import-sample-updates = Exempel på organisationer som uppdateras
import-confirm-heading = Spara
import-would-abort = Filen har avvisade rader, så importen skulle avbrytas och ingenting sparas. Rätta filen eller välj ”Hoppa över felaktiga rader och spara resten” och uppdatera förhandsvisningen.
import-nothing-to-write = Importen skulle inte ändra något.
import-confirm = Importera organisationerna
import-start-over = Börja om med en annan fil
import-done-title = Importens resultat
import-aborted = Importen avbröts på grund av avvisade rader. Ingenting sparades.
import-written = Importen har sparats.
import-created = { $count ->
    [one] En organisation lades till
   *[other] { $count } organisationer lades till
}
import-updated = { $count ->
    [one] En organisation uppdaterades
   *[other] { $count } organisationer uppdaterades
}
import-to-organisations = Gå till organisationslistan
import-another = Importera en annan fil
import-duplicate-of-row = (samma som rad { $row })
import-empty-file = Den valda filen är tom.
import-no-file = Välj en fil att importera.
import-upload-expired = Den uppladdade filen finns inte längre kvar (den sparas en timme). Ladda upp filen igen.
import-column-name = Namn
import-column-business_id = FO-nummer
import-column-kind = Typ
import-column-industry = Bransch
import-column-municipality = Kommun
import-column-address = Adress
import-column-website = Webbplats
import-column-tags = Taggar
import-column-cooperation = Samarbetsformer
import-column-status = Status
import-column-notes = Anteckningar
import-column-contact_name = Kontaktperson
import-column-contact_title = Kontaktpersonens titel
import-column-contact_email = Kontaktpersonens e-post
import-column-contact_phone = Kontaktpersonens telefon
import-column-ignore = Importeras inte
audit-export = Exporterad
