# Samnyttjande: resursernas bilder och organisationens platser.

## Bilder
places-images-title = Bilder
places-images-intro = Bilderna visas på resursens sida för alla som kan se resursen. Skriv en textalternativ för varje bild: en kort beskrivning av vad bilden visar, för dem som inte ser bilden.
places-images-current = Resursens bilder
places-images-none = Resursen har inga bilder ännu.
places-images-edit = Redigera bilder
places-image-upload-title = Lägg till en bild
places-field-image = Bildfil
places-hint-image = PNG, JPEG, WebP eller GIF, högst { $mb } MB.
places-field-alt-text = Textalternativ
places-hint-alt-text = Beskriv kort på ditt eget språk vad bilden visar (t.ex. "CNC-svarv i verkstadshallen").
places-image-upload = Lägg till bilden
places-image-alt-save = Spara textalternativet
places-image-delete = Ta bort bilden
places-image-delete-confirm = Ska bilden tas bort för gott?
places-back-to-resource = Tillbaka till resursens sida
places-error-image-missing = Välj en bildfil.
error-image-not-image = Filen är ingen bild. Godtagna format är PNG, JPEG, WebP och GIF.
error-image-too-large = Bilden är för stor: högst 5 MB.
error-image-empty = Filen är tom.

## Platser
places-locations-title = Platser
places-locations-intro = Platser är organisationens verksamhetsställen (campus, byggnad, hall) där resurserna finns.
places-locations-list = Organisationens platser
places-locations-none = Organisationen har inga platser ännu.
places-location-new-title = Ny plats
places-location-create = Lägg till platsen
places-location-edit = Redigera platsen
places-location-delete = Ta bort platsen
places-location-delete-confirm = Ska platsen tas bort?
places-location-in-use = Platsen kan inte tas bort eftersom resurser finns där: { $resources }. Flytta dem först.
places-location-resources = Resurser
places-location-no-resources = Inga resurser.
places-field-location-name = Platsens namn
places-hint-location-name = T.ex. "Forssa campus, hus B".
places-shared-use = Samnyttjande
places-shared-use-intro = Inställningar för de resurser som organisationen erbjuder för samnyttjande.
entity-location = plats

## Resursens plats och platsens öppettider
places-field-resource-location = Plats
places-hint-resource-location = Den plats hos ägarorganisationen där resursen finns.
places-locations-manage = Hantera platser
places-location-none = Ingen plats
places-error-location-of-owner = Platsen hör inte till ägarorganisationen. Välj en av ägarens platser eller "Ingen plats".
places-location-hours = Öppettider
places-location-hours-none = Inga öppettider har angetts.
places-location-hours-edit = Redigera öppettiderna
places-hint-location-hours = Skriv varje dags öppettider, t.ex. 08:00-16:00 eller 08:00-12:00, 13:00-16:00. En tom dag är stängd. Om alla dagar är tomma har platsen inga öppettider.
places-location-hours-save = Spara öppettiderna
places-hours-from-location = Öppettiderna kommer från platsen { $location }.
places-location-exceptions = Avvikande dagar
places-location-exceptions-none = Inga avvikande dagar.
places-location-exceptions-edit = Redigera de avvikande dagarna
places-hint-location-exceptions = Stängda dagar och avvikande öppettider gäller platsens resurser som varken har egna öppettider eller egna avvikande dagar. Tom tid = stängt hela dagen. Ta bort ett undantag genom att tömma dess rad.
places-location-exceptions-save = Spara de avvikande dagarna

## Bildernas gränssnitt
api-places-error-multipart = Skicka bilden som multipart/form-data i fälten alt_text och image.
