# Kalenderflöden (svenska)
calendar-busy = Bokad
calendar-block = Ägarens egen bokning
calendar-status = Status
calendar-status-requested = väntar på bekräftelse
calendar-status-confirmed = bekräftad
calendar-status-rejected = avslagen
calendar-status-cancelled = avbokad
calendar-contact = Kontaktperson
calendar-units = Enheter
calendar-me-title = Bokningar i din egen kalender
calendar-me-intro = Prenumerera på dina bokningar i ditt kalenderprogram (Outlook, Google Kalender, telefonens kalender) med den här länken. Kalendern uppdateras av sig själv när bokningar görs, bekräftas eller avbokas.
calendar-me-link = Din kalenderlänk
calendar-me-subscribe = Prenumerera i kalenderprogrammet
calendar-me-private = Länken är personlig: den som har den ser dina bokningar. Om länken har hamnat i fel händer, skapa en ny; den gamla slutar fungera.
calendar-me-renew = Skapa en ny länk
