# Vaski: JSON API error messages (English)
api-error-duplicate-business-id = The business ID { $business_id } belongs to { $name } (id { $id }) already.
api-error-no-route = There is no such API route.
api-error-method-not-allowed = This method is not allowed on this route.
api-error-json-content-type = Send the body as JSON with the header Content-Type: application/json.
api-error-invalid-json = The body is not valid JSON.
api-error-expected-object = The body must be a JSON object.
api-error-integer = Give a whole number.
api-error-boolean = Give true or false.
api-error-negative = Give a number that is zero or more.
api-error-unknown-parameter = Unknown parameter.
api-error-unknown-field = Unknown field.
api-error-text = Give text (or null).
api-error-texts = Give a list of texts.
api-error-ids = Give a list of ids.
api-error-unknown-organisation = Unknown organisation.
api-error-days = Give a number of days from 1 to 36500.
