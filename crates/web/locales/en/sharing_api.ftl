# Vaski: messages of shared use (bookings) from the booking checks and the JSON API (English)

## What stands in a booking's way
api-booking-clashes = The time is booked already.
api-booking-in-the-past = The time has passed already.
api-booking-too-short = A booking must last at least { $minutes } minutes.
api-booking-too-long = A booking may last at most { $minutes } minutes.
api-booking-too-soon = A booking must be made at least { $minutes } minutes before it starts.
api-booking-too-far-ahead = A booking may start at most { $minutes } minutes from now.
api-booking-not-on-slot = A booking must start and end on the { $minutes }-minute grid.
api-booking-units-out-of-range = Book at least one and at most { $capacity } units.
api-booking-qualification-missing = The contact person does not hold the qualification or induction this resource requires.
api-error-closed-public-holiday = The resource is closed on public holidays ({ $holiday }).
api-error-closed-exception = The resource is closed on this day.
api-error-outside-opening-hours = The time is outside the opening hours.
api-error-occurrence-nonexistent-start = The start time does not exist on this day: the clocks move forward to summer time.
api-error-occurrence-nonexistent-end = The end time does not exist on this day: the clocks move forward to summer time.
api-error-start-after-end = The start must be before the end.
api-error-booking-status-change = The booking's status cannot change that way.

## Public holidays
api-holiday-new_years_day = New Year's Day
api-holiday-epiphany = Epiphany
api-holiday-good_friday = Good Friday
api-holiday-easter_sunday = Easter Sunday
api-holiday-easter_monday = Easter Monday
api-holiday-may_day = May Day
api-holiday-ascension_day = Ascension Day
api-holiday-whitsun = Whitsun
api-holiday-midsummer_eve = Midsummer Eve
api-holiday-midsummer_day = Midsummer Day
api-holiday-all_saints_day = All Saints' Day
api-holiday-independence_day = Independence Day
api-holiday-christmas_eve = Christmas Eve
api-holiday-christmas_day = Christmas Day
api-holiday-st_stephens_day = St Stephen's Day

## A resource's details
api-error-resource-kind = Unknown kind of resource.
api-error-approval = Approval is automatic or owner.
api-error-eligibility = Unknown eligibility.
api-error-booker-kind = Unknown kind of booker.
api-error-booking-status = Unknown booking status.
api-error-series-scope = Unknown part of a series.
api-error-charge-basis = Unknown charge basis.
api-error-holiday = Unknown public holiday.
api-error-id = Give an id as a positive whole number.
api-error-number = Give a whole number.
api-error-zero = The number cannot be zero.
api-error-too-large = The number is too large.
api-error-pool-units = The quantity must be from 1 to 10 000.
api-error-price = The price is not valid (e.g. 45 or 45.50).
api-error-price-negative = A price cannot be negative.
api-error-price-too-large = The price is too large.
api-error-slot-minutes = The slot must divide the day evenly (e.g. 15, 30 or 60 minutes).
api-error-min-above-max = The longest duration cannot be shorter than the shortest.
api-error-notice-beyond-horizon = How far ahead bookings may be made cannot be less than the notice required.
api-error-duration-off-slot = The duration must be a whole number of slots.
api-error-organisation-unknown = Unknown organisation.
api-error-part-of-unknown = The whole the resource would be part of does not exist.
api-error-part-of-cycle = A resource cannot be part of its own part.
api-error-part-of-two-wholes = A resource can be part of one whole only.
api-error-opening-hours = The opening hours are not valid (e.g. 08:00, closing at 24:00 at the latest).
api-error-opening-hours-order = Opening must be before closing.
api-error-opening-hours-overlap = The opening hours of one day overlap.
api-error-opening-exception-duplicate = There is an exception for that day already.

## Recurring bookings (RRULE)
api-error-rrule-syntax = The recurrence rule cannot be read (e.g. FREQ=WEEKLY;BYDAY=TH;COUNT=10).
api-error-rrule-unknown-part = The recurrence rule has an unknown part.
api-error-rrule-unsupported = This part of a recurrence rule is not supported.
api-error-rrule-duplicate = The same part is in the recurrence rule twice.
api-error-rrule-frequency-missing = The recurrence rule has no FREQ.
api-error-rrule-number = A number in the recurrence rule is not allowed.
api-error-rrule-weekday = A weekday in the recurrence rule is not valid (MO, TU, WE, TH, FR, SA, SU).
api-error-rrule-until = UNTIL is not valid (e.g. 20270331 or 20270331T235959Z).
api-error-rrule-count-and-until = Give COUNT or UNTIL, not both.
api-error-rrule-unbounded = The recurrence rule needs COUNT or UNTIL.
api-error-rrule-until-before-start = UNTIL is before the first occurrence.
api-error-rrule-too-many = Too many occurrences: at most { $max }.
api-error-rrule-too-far = The recurrence rule reaches too far into the future.

## The JSON API
api-error-timestamp = Give the time in RFC 3339 with its offset, e.g. 2026-11-10T08:00:00+02:00.
api-error-exdate = Give excluded dates as 2026-12-24 or 2026-12-24T08:00:00.
api-error-exdates-without-recurrence = Excluded dates are for a recurring booking only.
api-error-units = Give the number of units as a positive whole number.
api-error-prices = Give the prices as a list of booker, per_hour_cents, per_day_cents.
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
