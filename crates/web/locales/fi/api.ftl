# Vaski: JSON-rajapinnan virheilmoitukset (suomi)
api-error-duplicate-business-id = Y-tunnus { $business_id } on jo organisaatiolla { $name } (id { $id }).
api-error-no-route = Rajapinnassa ei ole tällaista polkua.
api-error-method-not-allowed = Tätä metodia ei voi käyttää tässä polussa.
api-error-json-content-type = Lähetä runko JSON-muodossa otsakkeella Content-Type: application/json.
api-error-invalid-json = Runko ei ole kelvollista JSONia.
api-error-expected-object = Rungon on oltava JSON-olio.
api-error-integer = Anna kokonaisluku.
api-error-boolean = Anna true tai false.
api-error-negative = Anna luku, joka on nolla tai suurempi.
api-error-unknown-parameter = Tuntematon parametri.
api-error-unknown-field = Tuntematon kenttä.
api-error-text = Anna tekstiä (tai null).
api-error-texts = Anna luettelo tekstejä.
api-error-ids = Anna luettelo tunnisteita.
api-error-unknown-organisation = Tuntematon organisaatio.
api-error-days = Anna päivien määrä väliltä 1–36500.
