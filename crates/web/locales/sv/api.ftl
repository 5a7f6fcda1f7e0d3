# Vaski: JSON-gränssnittets felmeddelanden (svenska)
api-error-duplicate-business-id = FO-numret { $business_id } hör redan till { $name } (id { $id }).
api-error-no-route = Gränssnittet har ingen sådan sökväg.
api-error-method-not-allowed = Metoden är inte tillåten för denna sökväg.
api-error-json-content-type = Skicka innehållet som JSON med rubriken Content-Type: application/json.
api-error-invalid-json = Innehållet är inte giltig JSON.
api-error-expected-object = Innehållet måste vara ett JSON-objekt.
api-error-integer = Ange ett heltal.
api-error-boolean = Ange true eller false.
api-error-negative = Ange ett tal som är noll eller större.
api-error-unknown-parameter = Okänd parameter.
api-error-unknown-field = Okänt fält.
api-error-text = Ange text (eller null).
api-error-texts = Ange en lista med texter.
api-error-ids = Ange en lista med id:n.
api-error-unknown-organisation = Okänd organisation.
api-error-days = Ange ett antal dagar från 1 till 36500.
