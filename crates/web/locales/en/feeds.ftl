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
calendar-me-title = Bookings in your own calendar
calendar-me-intro = Subscribe to your bookings in your calendar program (Outlook, Google Calendar, your phone's calendar) with this link. The calendar updates itself when bookings are made, confirmed or cancelled.
calendar-me-link = Your calendar link
calendar-me-subscribe = Subscribe in your calendar program
calendar-me-private = The link is personal: anyone who has it sees your bookings. If the link has fallen into the wrong hands, make a new one; the old one stops working.
calendar-me-renew = Make a new link
