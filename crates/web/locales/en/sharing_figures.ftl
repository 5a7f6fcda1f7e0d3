# Shared-use figures (/resources/figures) and the invoicing basis (/resources/invoicing).

## Shared-use figures

figures-title = Shared-use figures
figures-answer = In { $period } the network's resources were used by others than their owners for { $outside } hours, { $percent } % of all { $hours } booked hours ({ $organisations ->
    [one] one organisation
   *[other] { $organisations } organisations
} outside the owners).
figures-answer-owner = In { $period } the resources of { $owner } were used by other organisations for { $outside } hours, { $percent } % of all { $hours } booked hours ({ $organisations ->
    [one] one outside organisation
   *[other] { $organisations } outside organisations
}).
figures-answer-none = There are no confirmed bookings in { $period }.
figures-from = From month
figures-to = To month
figures-month-hint = As yyyy-mm, for example 2026-01.
figures-month-invalid = Give the month as yyyy-mm, for example 2026-01. The figures are for the default period.
figures-period-reversed = The period ends before it begins. The figures are for the default period.
figures-period-too-long = The period can be 36 months at most. The figures are for the default period.
figures-owner = Owner
figures-owner-all = Whole network
figures-apply = Show
figures-summary = Summary { $period }
figures-booked-hours = Booked hours
figures-outside-hours = Hours outside the owner
figures-outside-share = Share outside the owner
figures-outside-organisations = Organisations outside the owner
figures-bookings = Confirmed bookings
figures-percent = { $value } %
figures-what-counts = The figures count confirmed bookings. The owner's own blocks (maintenance, own use), requests still waiting, and rejected and cancelled bookings are left out. A booking nobody came to counts as booked time. In a pool every unit counts: five laptops for four hours are 20 hours.
figures-to-invoicing = Invoicing basis
figures-chart-title = Utilisation by month
figures-chart-desc = Each bar shows what percentage of the resources' opening hours was booked in the month. The same figures are in the table below the chart.
figures-chart-caption = Booked hours as a percentage of opening hours.
figures-by-month-table = Utilisation by month as a table
figures-col-month = Month
figures-col-booked = Booked (h)
figures-col-open = Open (h)
figures-col-utilisation = Utilisation
figures-utilisation = Utilisation by resource
figures-utilisation-why = Booked hours as a percentage of each month's opening hours. A resource without opening hours is open round the clock.
figures-no-resources = No resources.
figures-col-resource = Resource
figures-col-owner = Owner
figures-col-period = Whole period
figures-by-kind = Hours by kind of booker
figures-none = No bookings.
figures-col-booker-kind = Kind of booker
figures-col-bookings = Bookings
figures-col-hours = Hours
figures-col-share = Share
figures-by-organisation = Hours by organisation
figures-by-organisation-why = An organisation's use of its own resources and of others' resources are on separate rows. Shared use is use outside the owner.
figures-col-organisation = Organisation
figures-col-use = Use
figures-use-own = own resources
figures-use-outside = others' resources
figures-no-shows = No-shows
figures-no-shows-why = The owner marks a booking nobody came to. The share is of the period's confirmed bookings that have ended.
figures-no-shows-none = No no-shows marked.
figures-col-ended = Ended bookings
figures-col-no-shows = No-shows
figures-booker-own = Own organisation
figures-booker-institution = School or research institute
figures-booker-company = Company
figures-booker-association = Association
figures-booker-public_body = Public body
figures-booker-none = No booker

## Invoicing basis

invoicing-title = Invoicing basis
invoicing-intro = The month's billable bookings per booker organisation: bookings that begin in the month, at the price fixed when they were booked. The owner's own use and bookings without a price are left out. VAT at 25.5 % is computed per row.
invoicing-month = Month
invoicing-of-month = Invoicing basis { $month }
invoicing-download-xlsx = Download as an Excel file (XLSX)
invoicing-download-csv = Download as a CSV file
invoicing-to-figures = The month's figures
invoicing-none = The month has no billable bookings.
invoicing-col-booker = Booker
invoicing-col-business-id = Business ID
invoicing-col-price-group = Price group
invoicing-col-days = Days
invoicing-col-net = Price excl. VAT
invoicing-col-vat = VAT 25.5 %
invoicing-col-total = Total
invoicing-total = Total
invoicing-how = Hours are booked time and days the calendar days a booking touches; in a pool every unit counts. The price excluding VAT is the one computed when the booking was made.
nav-sharing-figures = Usage figures
