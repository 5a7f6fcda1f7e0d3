# Vaski: messages of shared use (bookings) from the booking checks and the JSON API (English)

## What stands in a booking's way
## Public holidays
## A resource's details
## Recurring bookings (RRULE)
## The JSON API
api-error-timestamp = Give the time in RFC 3339 with its offset, e.g. 2026-11-10T08:00:00+02:00.
api-error-exdate = Give excluded dates as 2026-12-24 or 2026-12-24T08:00:00.
api-error-exdates-without-recurrence = Excluded dates are for a recurring booking only.
api-error-units = Give the number of units as a positive whole number.
api-error-prices = Give the prices as a list of booker, per_hour_cents, per_day_cents.
api-error-opening-hours = Give the opening hours as a list of weekday, opens, closes.
api-error-weekday = The weekday is 1 (Monday) to 7 (Sunday).
api-error-exceptions = Give the exceptions as a list of date and either closed: true or opens and closes.
api-error-exception-hours = Give the exception's opens and closes, or closed: true.
api-error-unknown-qualification = Unknown qualification.
api-error-part-of-foreign = A resource can be made part of a whole you manage only.
api-error-contact-person = The contact person must be one of the booking organisation's people.
api-error-occurrences-overlap = The occurrences of the recurring booking overlap each other.
api-error-no-occurrences = No occurrences were left to book.
api-error-booking-clash = The time clashes with booking { $id } from { $starts_at } to { $ends_at }.
api-error-not-eligible = Your organisation cannot book this resource.
api-error-period-too-long = The period is too long.
api-error-duration = Give the duration in minutes as a positive whole number.
api-error-idempotency-key = An Idempotency-Key is 1 to 255 visible ASCII characters.
api-error-idempotency-key-reused = This Idempotency-Key was used for another request.
api-error-idempotency-in-progress = A request with this Idempotency-Key is still in progress. Try again in a moment.
