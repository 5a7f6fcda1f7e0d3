# Yhteiskäyttö: resurssien kuvat ja organisaation sijainnit.

## Kuvat
places-images-title = Kuvat
places-images-intro = Kuvat näkyvät resurssin sivulla kaikille, jotka voivat nähdä resurssin. Kirjoita jokaiselle kuvalle tekstivastine: lyhyt kuvaus siitä, mitä kuvassa näkyy, niille jotka eivät näe kuvaa.
places-images-current = Resurssin kuvat
places-images-none = Resurssilla ei ole vielä kuvia.
places-images-edit = Muokkaa kuvia
places-image-upload-title = Lisää kuva
places-field-image = Kuvatiedosto
places-hint-image = PNG, JPEG, WebP tai GIF, enintään { $mb } Mt.
places-field-alt-text = Tekstivastine
places-hint-alt-text = Kerro lyhyesti omalla kielelläsi, mitä kuvassa näkyy (esim. "CNC-sorvi konepajan hallissa").
places-image-upload = Lisää kuva
places-image-alt-save = Tallenna tekstivastine
places-image-delete = Poista kuva
places-image-delete-confirm = Poistetaanko kuva pysyvästi?
places-back-to-resource = Takaisin resurssin sivulle
places-error-image-missing = Valitse kuvatiedosto.
error-image-not-image = Tiedosto ei ole kuva. Kelpaavat muodot ovat PNG, JPEG, WebP ja GIF.
error-image-too-large = Kuva on liian suuri: enintään 5 Mt.
error-image-empty = Tiedosto on tyhjä.

## Sijainnit
places-locations-title = Sijainnit
places-locations-intro = Sijainnit ovat organisaation toimipaikkoja (kampus, rakennus, halli), joissa resurssit ovat.
places-locations-list = Organisaation sijainnit
places-locations-none = Organisaatiolla ei ole vielä sijainteja.
places-location-new-title = Uusi sijainti
places-location-create = Lisää sijainti
places-location-edit = Muokkaa sijaintia
places-location-delete = Poista sijainti
places-location-delete-confirm = Poistetaanko sijainti?
places-location-in-use = Sijaintia ei voi poistaa, koska siinä on resursseja: { $resources }. Siirrä ne ensin muualle.
places-location-resources = Resurssit
places-location-no-resources = Ei resursseja.
places-field-location-name = Sijainnin nimi
places-hint-location-name = Esim. "Forssan kampus, B-talo".
places-shared-use = Yhteiskäyttö
places-shared-use-intro = Organisaation yhteiskäyttöön tarjoamien resurssien asetukset.
entity-location = sijainti

## Resurssin sijainti ja sijainnin aukioloajat
places-field-resource-location = Sijainti
places-hint-resource-location = Omistajaorganisaation sijainti, jossa resurssi on.
places-locations-manage = Hallitse sijainteja
places-location-none = Ei sijaintia
places-error-location-of-owner = Sijainti ei ole omistajaorganisaation sijainti. Valitse jokin omistajan sijainneista tai "Ei sijaintia".
places-location-hours = Aukioloajat
places-location-hours-none = Aukioloaikoja ei ole asetettu.
places-location-hours-edit = Muokkaa aukioloaikoja
places-hint-location-hours = Kirjoita kunkin päivän aukioloajat, esim. 08:00-16:00 tai 08:00-12:00, 13:00-16:00. Tyhjä päivä on suljettu. Jos kaikki päivät ovat tyhjiä, sijainnilla ei ole aukioloaikoja.
places-location-hours-save = Tallenna aukioloajat
places-hours-from-location = Aukioloajat tulevat sijainnista { $location }.
places-location-exceptions = Poikkeavat päivät
places-location-exceptions-none = Poikkeavia päiviä ei ole.
places-location-exceptions-edit = Muokkaa poikkeavia päiviä
places-hint-location-exceptions = Suljetut päivät ja poikkeavat aukioloajat koskevat sijainnin resursseja, joilla ei ole omia aukioloaikoja eikä omia poikkeavia päiviä. Tyhjä aika = suljettu koko päivän. Poista poikkeus tyhjentämällä sen rivi.
places-location-exceptions-save = Tallenna poikkeavat päivät

## Kuvien rajapinta
api-places-error-multipart = Lähetä kuva muodossa multipart/form-data kentissä alt_text ja image.
