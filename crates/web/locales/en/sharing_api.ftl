# Vaski: messages of shared use (bookings) from the booking checks and the JSON API (English)

## What stands in a booking's way
booking-clashes = The time is booked already.
booking-in-the-past = The time has passed already.
booking-too-short = A booking must last at least { $minutes } minutes.
booking-too-long = A booking may last at most { $minutes } minutes.
booking-too-soon = A booking must be made at least { $minutes } minutes before it starts.
booking-too-far-ahead = A booking may start at most { $minutes } minutes from now.
booking-not-on-slot = A booking must start and end on the { $minutes }-minute grid.
booking-units-out-of-range = Book at least one and at most { $capacity } units.
booking-qualification-missing = The contact person does not hold the qualification or induction this resource requires.
error-closed-public-holiday = The resource is closed on public holidays ({ $holiday }).
error-closed-exception = The resource is closed on this day.
error-outside-opening-hours = The time is outside the opening hours.
error-occurrence-nonexistent-start = The start time does not exist on this day: the clocks move forward to summer time.
error-occurrence-nonexistent-end = The end time does not exist on this day: the clocks move forward to summer time.
error-start-after-end = The start must be before the end.
error-booking-status-change = The booking's status cannot change that way.

## Public holidays
holiday-new_years_day = New Year's Day
holiday-epiphany = Epiphany
holiday-good_friday = Good Friday
holiday-easter_sunday = Easter Sunday
holiday-easter_monday = Easter Monday
holiday-may_day = May Day
holiday-ascension_day = Ascension Day
holiday-whitsun = Whitsun
holiday-midsummer_eve = Midsummer Eve
holiday-midsummer_day = Midsummer Day
holiday-all_saints_day = All Saints' Day
holiday-independence_day = Independence Day
holiday-christmas_eve = Christmas Eve
holiday-christmas_day = Christmas Day
holiday-st_stephens_day = St Stephen's Day

## A resource's details
error-resource-kind = Unknown kind of resource.
error-approval = Approval is automatic or owner.
error-eligibility = Unknown eligibility.
error-booker-kind = Unknown kind of booker.
error-booking-status = Unknown booking status.
error-series-scope = Unknown part of a series.
error-charge-basis = Unknown charge basis.
error-holiday = Unknown public holiday.
error-id = Give an id as a positive whole number.
error-number = Give a whole number.
error-negative = The number cannot be negative.
error-zero = The number cannot be zero.
error-too-large = The number is too large.
error-pool-units = The quantity must be from 1 to 10 000.
error-price = The price is not valid (e.g. 45 or 45.50).
error-price-negative = A price cannot be negative.
error-price-too-large = The price is too large.
error-slot-minutes = The slot must divide the day evenly (e.g. 15, 30 or 60 minutes).
error-min-above-max = The longest duration cannot be shorter than the shortest.
error-notice-beyond-horizon = How far ahead bookings may be made cannot be less than the notice required.
error-duration-off-slot = The duration must be a whole number of slots.
error-organisation-unknown = Unknown organisation.
error-part-of-unknown = The whole the resource would be part of does not exist.
error-part-of-cycle = A resource cannot be part of its own part.
error-part-of-two-wholes = A resource can be part of one whole only.
error-opening-hours = The opening hours are not valid (e.g. 08:00, closing at 24:00 at the latest).
error-opening-hours-order = Opening must be before closing.
error-opening-hours-overlap = The opening hours of one day overlap.
error-opening-exception-duplicate = There is an exception for that day already.

## Recurring bookings (RRULE)
error-rrule-syntax = The recurrence rule cannot be read (e.g. FREQ=WEEKLY;BYDAY=TH;COUNT=10).
error-rrule-unknown-part = The recurrence rule has an unknown part.
error-rrule-unsupported = This part of a recurrence rule is not supported.
error-rrule-duplicate = The same part is in the recurrence rule twice.
error-rrule-frequency-missing = The recurrence rule has no FREQ.
error-rrule-number = A number in the recurrence rule is not allowed.
error-rrule-weekday = A weekday in the recurrence rule is not valid (MO, TU, WE, TH, FR, SA, SU).
error-rrule-until = UNTIL is not valid (e.g. 20270331 or 20270331T235959Z).
error-rrule-count-and-until = Give COUNT or UNTIL, not both.
error-rrule-unbounded = The recurrence rule needs COUNT or UNTIL.
error-rrule-until-before-start = UNTIL is before the first occurrence.
error-rrule-too-many = Too many occurrences: at most { $max }.
error-rrule-too-far = The recurrence rule reaches too far into the future.

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
