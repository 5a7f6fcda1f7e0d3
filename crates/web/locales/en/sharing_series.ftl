# Shared use: moving the time of a booking and of occurrences of a series, the check when a
# resource's quantity changes.

series-move-title = Move the time
series-move-which = Which occurrences move?
series-move-date = New date
series-move-date-hint = For a single occurrence only. Leave empty to keep the date.
series-move-submit = Move
series-move-refused-count = { $count ->
    [one] One occurrence cannot move, so nothing was moved:
   *[other] { $count } occurrences cannot move, so nothing was moved:
}
series-move-date-one-only = A new date can only be given for a single occurrence.
series-move-started = A booking that has begun or is over cannot be moved.
series-move-refused-api = The occurrences listed in `occurrences` cannot move, so nothing was moved.
series-move-nothing = There are no upcoming occurrences to move.
series-error-quantity-below-booked = Upcoming bookings hold more units at one time than the new quantity. Cancel or move bookings first.
series-error-quantity-single-overlaps = Upcoming bookings overlap, so the resource cannot become a single unit. Cancel or move bookings first.
booking-mail-changed-subject = Booking time changed: { $resource } { $when }
booking-mail-changed-booker = The time of your booking has changed. The new time is below.
booking-mail-changed-owner = The time of the booking has changed. The new time is below.
series-mail-changed-waiting-booker = The owner will confirm the new time. You will get a message once it has been handled.
series-mail-changed-waiting-owner = The new time waits for your confirmation in Vaski.

# A series waiting for the owner, decided at once
bookings-waiting-series = and { $count ->
    [one] one more time of the same series
   *[other] { $count } more times of the same series
  }, the last { $last }
bookings-waiting-one-by-one = Decide one by one
booking-series-waiting = { $count } times of this series wait for approval, this one included.
booking-confirm-series = Confirm all { $count }
booking-reject-series = Reject all { $count }
series-mail-times = { $count } times, { $first } – { $last }
series-mail-count = This message is about { $count } times of the same series:
bookings-waiting-series-price = { $sum } in all
