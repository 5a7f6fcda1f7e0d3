# Calendar feeds (English)
calendar-busy = Booked
calendar-block = Owner's own booking
calendar-status = Status
calendar-status-requested = awaiting confirmation
calendar-status-confirmed = confirmed
calendar-status-rejected = rejected
calendar-status-cancelled = cancelled
calendar-contact = Contact person
calendar-units = Units
calendar-busy-feed = Booked times in your calendar (public)
calendar-private-feed = All bookings in your calendar
calendar-private-feed-note = a private link: do not share it
calendar-me-title = Bookings in your own calendar
calendar-me-intro = Subscribe to your bookings in your calendar program (Outlook, Google Calendar, your phone's calendar) with this link. The calendar updates itself when bookings are made, confirmed or cancelled.
calendar-me-link = Your calendar link
calendar-me-subscribe = Subscribe in your calendar program
calendar-me-private = The link is personal: anyone who has it sees your bookings. If the link has fallen into the wrong hands, make a new one; the old one stops working.
calendar-me-renew = Make a new link

# Booking mails
booking-mail-greeting = Hello { $name },
booking-mail-resource = Resource
booking-mail-time = Time
booking-mail-booker = Booked by
booking-mail-purpose = Purpose
booking-mail-link = The booking in Vaski
booking-mail-signature = Vaski – the working-life cooperation network
booking-mail-requested-subject = Booking request: { $resource } { $when }
booking-mail-requested-booker = Your booking request has been received. You will hear when the owner has handled it.
booking-mail-requested-owner = { $booker } asks for a booking. Confirm or reject it in Vaski.
booking-mail-confirmed-subject = Booking confirmed: { $resource } { $when }
booking-mail-confirmed-booker = Your booking is confirmed. Welcome!
booking-mail-confirmed-owner = The booking is confirmed.
booking-mail-rejected-subject = Booking not accepted: { $resource } { $when }
booking-mail-rejected-booker = Unfortunately your booking could not be accepted.
booking-mail-rejected-owner = The booking request has been rejected.
booking-mail-cancelled-subject = Booking cancelled: { $resource } { $when }
booking-mail-cancelled-booker = The booking has been cancelled.
booking-mail-cancelled-owner = The booking has been cancelled and the time is free again.
booking-mail-reminder-subject = Reminder: { $resource } { $when }
booking-mail-reminder-booker = A reminder of your booking tomorrow.
booking-mail-reminder-owner = Reminder: the resource is booked tomorrow.

# Cancelling a series
booking-cancel-which = Which occurrences are cancelled?
