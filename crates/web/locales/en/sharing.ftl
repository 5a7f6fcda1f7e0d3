# Vaski: shared use – resources, bookings and qualifications (English)
nav-sharing = Shared use
nav-bookings = Bookings
sharing-nav = Shared use menu
calendar-subscribe = Subscribe to your bookings in your own calendar
calendar-subscribe-short = Calendar subscription
calendar-intro = Your bookings also show in your own calendar program.
calendar-file = Calendar file (.ics)
today = today

# Days, months and durations
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
weekday-short-1 = Mon
weekday-short-2 = Tue
weekday-short-3 = Wed
weekday-short-4 = Thu
weekday-short-5 = Fri
weekday-short-6 = Sat
weekday-short-7 = Sun
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
duration-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
duration-hours = { $count } h
duration-minutes = { $count } min

# Vocabularies
resource-kind-learning_environment = Learning environment
resource-kind-facility = Facility
resource-kind-machine = Machine
resource-kind-equipment = Equipment
resource-kind-vehicle = Vehicle
resource-kind-other = Other
approval-automatic = Confirmed at once
approval-owner = Owner approves
eligibility-own_institution = Own institution only
eligibility-network_institutions = Institutions of the network
eligibility-registered_partners = All registered partners
booker-own = Own organisation
booker-institution = Educational or research institution
booker-company = Company
booker-association = Association
booker-public_body = Public body
booking-status-requested = awaiting approval
booking-status-confirmed = confirmed
booking-status-rejected = rejected
booking-status-cancelled = cancelled
series-scope-this = this occurrence only
series-scope-following = this and the following
series-scope-all = the whole series
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

# The resource list and the availability search
resources-title = Shared use
resources-intro = Machines, facilities and learning environments of the network that can be booked.
resources-search = Search resources
resources-search-text = Search words
resources-availability = Free times
resources-availability-hint = Give a period and how long you need the resource to see each resource's free times that fit your booking.
field-from = From
field-to = To
field-duration-hours = Duration (hours)
resources-count = { $count ->
    [one] One resource.
   *[other] { $count } resources.
}
resources-search-capped = free times were searched for the first 50; narrow the search
resources-free-times = Free times that fit the booking:
resources-more-times = { $count ->
    [one] and one more time.
   *[other] and { $count } more times.
}
resources-see-calendar = See the calendar
resource-not-for-you = Your organisation cannot book this resource.
resource-no-free-time = No free time that fits the booking.
resource-viewer-cannot-book = You have read access: you can see the bookings but not book.

# The resource page
resource-title = Resource
resource-details = Details
resource-parts = Parts
resource-rules = Booking rules
resource-prices = Prices
resource-no-prices = No prices have been set.
resource-hours = Opening hours
resource-always-open = No opening hours have been set: bookable round the clock.
resource-exceptions = Exceptional days
resource-closed-on-holidays = Closed on public holidays.
resource-open-on-holidays = Open on public holidays too.
resource-open = Open
field-resource-kind = Type
field-resource-owner = Owner
field-location = Location
field-capacity-people = People at most
field-quantity = Number of units
field-accessibility = Accessibility
field-booker-kind = Booker
field-price-hour = Price / hour
field-price-day = Price / day
price-vat-note = Prices exclude value added tax.
price-vat-excluded = (VAT 0 %)
rule-approval-owner = Bookings need the owner's approval.
rule-approval-automatic = Bookings are confirmed at once.
rule-eligibility-own_institution = Only the owner organisation can book.
rule-eligibility-network_institutions = Institutions of the network can book.
rule-eligibility-registered_partners = All registered partners can book.
rule-slot = Bookings start and end on a { $limit } grid.
rule-min-duration = Shortest booking { $limit }.
rule-max-duration = Longest booking { $limit }.
rule-min-notice = Book at least { $limit } ahead.
rule-max-ahead = Can be booked at most { $limit } ahead.
rule-buffer-before = Set-up time before a booking { $limit }.
rule-buffer-after = Cleaning and cool-down time after a booking { $limit }.
rule-cancellation-free = Free cancellation until { $limit } before the start.
rule-cancellation-always-free = Cancellation is always free.
rule-qualification = Requires the qualification: { $name }.
rule-pool = { $count ->
    [one] One unit.
   *[other] { $count } identical units; book as many as you need.
}
hours-closed = closed
hours-closed-exception = closed (exception)
hours-closed-holiday = closed: { $holiday }
hours-all-day = round the clock
week-title = Week { $week }: { $from } – { $to }
week-nav = Weeks
week-previous = Previous week
week-current = This week
week-next = Next week
week-free = Free
week-number = Week number
week-abbr = wk
month-nav = Months
month-previous = Previous month
month-next = Next month
month-closed = closed
month-bookings = { $count ->
    [one] 1 booking
   *[other] { $count } bookings
}
booking-kind-block = Owner's use
booking-taken = Booked
booking-units-count = { $count ->
    [one] 1 unit
   *[other] { $count } units
}

# The booking form
booking-form-title = Book
block-form-title = Reserve time for own use
block-form-open = Add maintenance or other own use
booking-requires = Use requires the qualification { $name }: choose a contact person who holds it.
field-start = Starts at
field-end = Ends at
field-units = Units
hint-units = At most { $count }.
field-booker = Booker
booker-own-use = { $name } (own use)
field-contact = Contact person
contact-none = — not chosen —
field-people = Number of people
field-purpose = Purpose
field-block-reason = Reason (e.g. maintenance)
field-repeat = Repeat
repeat-none = Does not repeat
repeat-weekly = Every week
repeat-biweekly = Every second week
repeat-monthly = Monthly on the same weekday
repeat-custom = Own recurrence rule (RRULE)
field-until = Repeat until
hint-until = The last day the booking repeats on.
field-rrule = Recurrence rule
hint-rrule = For example FREQ=WEEKLY;BYDAY=TU,TH (iCalendar RRULE).
booking-submit = Book
block-submit = Reserve for own use

# Refusals and results
booking-refused-title = Not every time can be booked
booking-refused-count = { $count ->
    [one] One time cannot be booked:
   *[other] { $count } times cannot be booked:
}
booking-rest-can-be-booked = { $count ->
    [one] One other time is free.
   *[other] The other { $count } times are free.
}
booking-book-rest = { $count ->
    [one] Book the rest (1 time)
   *[other] Book the rest ({ $count } times)
}
booking-change-and-retry = Change the booking and try again
refusal-clash = overlaps booking #{ $id } ({ $details })
refusal-clash-block = overlaps the owner's own use #{ $id } ({ $details })
refusal-clash-within = overlaps another time of this booking
refusal-units = { $requested } units asked for, but there are only { $capacity }
refusal-closed-holiday = closed: { $holiday }
refusal-qualification = the contact person does not hold a valid { $name }
booking-clashes = overlaps another booking
booking-units-out-of-range = there are not that many units
booking-qualification-missing = the contact person lacks the required qualification
booking-in-the-past = the time has already passed
booking-too-short = shorter than the minimum { $limit }
booking-too-long = longer than the allowed { $limit }
booking-too-soon = must be booked at least { $limit } ahead
booking-too-far-ahead = can be booked at most { $limit } ahead
booking-not-on-slot = must start and end on a { $limit } grid
error-closed-public-holiday = closed on a public holiday
error-closed-exception = closed on this day
error-outside-opening-hours = outside the opening hours
error-occurrence-nonexistent-start = the start time does not exist: the clocks move to summer time
error-occurrence-nonexistent-end = the end time does not exist: the clocks move to summer time
booking-done-title = Booked
block-done-title = Time reserved for own use
booking-made-count = { $count ->
    [one] One time was booked.
   *[other] { $count } times were booked.
}
booking-waiting-note = The owner approves bookings; you will be told when they have been handled.
booking-total = Total
booking-skipped = These times were not booked
booking-back-to-resource = Back to the resource
field-booking = Booking
field-when = Time
field-booking-status = Status
field-price = Price

# Bookings
bookings-title = Bookings
bookings-waiting = Requests awaiting approval
bookings-waiting-none = No requests waiting.
bookings-upcoming = My upcoming bookings
bookings-past = My past bookings
bookings-none = You have no upcoming bookings.
bookings-find = Find free times
booking-confirm = Confirm
booking-reject = Reject
field-resource = Resource
booking-title = Booking
field-booking-kind = Kind
field-no-show = Attendance
no-show-marked = did not come
no-show-mark = Mark: the booker did not come
no-show-unmark = Remove the mark: the booker came
terms-always-free = The booking can be cancelled free of charge.
terms-free-until = Free cancellation until { $limit } before the start, that is until { $deadline }.
terms-no-longer-free = Free cancellation ({ $limit } before the start) ended { $deadline }; a cancellation may be charged.
booking-cancel = Cancel the booking
booking-cancel-confirm = Cancel this booking?
booking-series = Other times of the same series

# The resource form
resource-new-title = Publish a resource
resource-edit-title = Edit the resource
resource-form-basics = Basic details
resource-form-place = Location and size
resource-form-rules = Booking rules
field-part-of = Part of
hint-part-of = A welding booth, for example, is part of the welding hall: when the hall is booked, so are its booths.
part-of-none = — not part of another —
field-description = Description
field-building = Building
field-room = Room
hint-quantity = Number of identical units (e.g. 12 laptops). Empty = one.
field-approval = Approval
field-eligibility = Who can book
field-required-qualification = Required qualification or induction
hint-required-qualification = Chosen from the owner organisation's qualifications.
qualifications-manage = Manage qualifications
qualification-none = — none required —
field-slot-minutes = Time grid (min)
hint-slot-minutes = E.g. 30 or 60; empty = any start time.
field-min-duration-hours = Shortest booking (h)
field-max-duration-hours = Longest booking (h)
field-min-notice-hours = Book at the latest (h before)
field-max-ahead-days = Bookable at most (days ahead)
field-buffer-before = Set-up time before (min)
field-buffer-after = Cleaning time after (min)
field-cancellation-free-hours = Free cancellation (h before)
hint-rules-empty = An empty field = no limit.
hint-prices = In euros without VAT, e.g. 45 or 45.50. Empty = no price.
hint-weekly-hours = Write each day's opening hours, e.g. 08:00-16:00 or 08:00-12:00, 13:00-16:00. An empty day is closed. If every day is empty, no opening hours are set and the resource is bookable round the clock.
field-closed-on-holidays = Closed on public holidays
hint-exceptions = Single days whose hours differ. Empty hours = closed all day. Remove an exception by emptying its date.
field-exception-hours = Hours (e.g. 08:00-12:00)
field-exception-note = Note

# Qualifications
qualifications-title = Qualifications
qualifications-intro = Inductions and qualifications that the organisation's resources can require, and who holds them.
qualifications-none = No qualifications have been created yet.
qualification-no-holders = No holders.
qualification-holders = Holders
field-granted-on = Granted
field-valid-until = Valid until
field-qualification-valid = Status
qualification-valid = valid
qualification-expired = not valid
qualification-no-end = until further notice
qualification-grant-title = Grant a qualification
qualification-find-person = Find a person by name
field-qualification = Qualification
hint-valid-until = Empty = until further notice.
qualification-grant = Grant
qualification-new-title = New qualification
field-qualification-name = Name
hint-qualification-name = E.g. CNC lathe safety induction
qualification-create = Create the qualification

# Errors
error-hours = Give the duration in hours, e.g. 4 or 1.5.
error-to-before-from = The end date is before the start date.
error-search-too-long = Search at most two months at a time.
error-clock = The time is not valid (e.g. 8:00 or 13:30).
error-end-before-start = The end must be after the start.
error-until-before-date = The last day of the repetition is before the first.
error-repeat = Unknown repetition.
error-units = Choose a number from 1 to the number of units.
error-booker = Choose the booker organisation.
error-contact-of-booker = The contact person must be a person of the booker organisation.
error-not-eligible = The booker organisation cannot book this resource under its rules.
error-owner-not-yours = You can publish resources for your own organisation only.
error-qualification-of-owner = Choose a qualification of the owner organisation.
error-part-of-owner = A resource can only be part of a resource of the same owner.
error-exceptions = Correct the exceptional days marked.
error-qualification-taken = The organisation already has a qualification of this name.
error-valid-until-before-granted = The validity ends before the day it was granted.
error-number = Give a whole number.
error-negative = The number cannot be negative.
error-too-large = The number is too large.
error-zero = The value cannot be zero.
error-id = The identifier is not valid.
error-resource-kind = Unknown resource type.
error-approval = Unknown approval.
error-eligibility = Unknown booking right.
error-booker-kind = Unknown kind of booker.
error-booking-status = Unknown booking status.
error-booking-status-change = The booking's status can no longer change this way.
error-series-scope = Unknown part of the series.
error-holiday = Unknown public holiday.
error-charge-basis = Unknown pricing basis.
error-slot-minutes = The time grid must divide an hour or a day evenly (e.g. 15, 30, 60 or 120 min).
error-duration-off-slot = The duration must be a multiple of the time grid.
error-min-above-max = The shortest booking is longer than the longest.
error-notice-beyond-horizon = The notice is longer than how far ahead bookings can be made.
error-pool-units = The number of units must be 1–10,000.
error-price = The price is not valid (e.g. 45 or 45.50).
error-price-negative = The price cannot be negative.
error-price-too-large = The price is too large.
error-organisation-unknown = Unknown organisation.
error-part-of-unknown = Unknown resource.
error-part-of-cycle = A resource cannot be part of its own part.
error-part-of-two-wholes = A resource can be part of one whole only.
error-start-after-end = The start is after the end.
error-opening-hours = The opening hours are not valid (e.g. 08:00-16:00).
error-opening-hours-order = Opening hours must end after they start.
error-opening-hours-overlap = The day's opening hours overlap.
error-opening-exception-duplicate = The day already has an exception.
error-rrule-syntax = The recurrence rule cannot be read (e.g. FREQ=WEEKLY;BYDAY=TH).
error-rrule-unknown-part = The recurrence rule has an unknown part.
error-rrule-unsupported = This part of a recurrence rule is not supported (use daily, weekly or monthly repetition).
error-rrule-duplicate = The recurrence rule has the same part twice.
error-rrule-frequency-missing = The recurrence rule lacks FREQ.
error-rrule-number = A number in the recurrence rule is not valid.
error-rrule-weekday = A weekday in the recurrence rule is not valid.
error-rrule-until = The UNTIL date of the recurrence rule is not valid.
error-rrule-count-and-until = A recurrence rule can have COUNT or UNTIL, not both.
error-rrule-unbounded = Give the last day or the number of repetitions.
error-rrule-until-before-start = The last day of the repetition is before the first.
error-rrule-too-many = Too many repetitions (at most 500).
error-rrule-too-far = The repetition reaches too far into the future.
