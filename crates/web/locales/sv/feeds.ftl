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
calendar-busy-feed = Bokade tider i kalendern (offentlig)
calendar-private-feed = Alla bokningar i kalendern
calendar-private-feed-note = privat länk: dela den inte
calendar-me-title = Bokningar i din egen kalender
calendar-me-intro = Prenumerera på dina bokningar i ditt kalenderprogram (Outlook, Google Kalender, telefonens kalender) med den här länken. Kalendern uppdateras av sig själv när bokningar görs, bekräftas eller avbokas.
calendar-me-link = Din kalenderlänk
calendar-me-subscribe = Prenumerera i kalenderprogrammet
calendar-me-private = Länken är personlig: den som har den ser dina bokningar. Om länken har hamnat i fel händer, skapa en ny; den gamla slutar fungera.
calendar-me-renew = Skapa en ny länk

# E-post om bokningar
booking-mail-greeting = Hej { $name },
booking-mail-resource = Resurs
booking-mail-time = Tid
booking-mail-booker = Bokare
booking-mail-purpose = Ändamål
booking-mail-link = Bokningen i Vaski
booking-mail-signature = Vaski – nätverket för samarbete med arbetslivet
booking-mail-requested-subject = Bokningsförfrågan: { $resource } { $when }
booking-mail-requested-booker = Din bokningsförfrågan har tagits emot. Du får ett meddelande när ägaren har behandlat den.
booking-mail-requested-owner = { $booker } ber om en bokning. Bekräfta eller avslå den i Vaski.
booking-mail-confirmed-subject = Bokningen bekräftad: { $resource } { $when }
booking-mail-confirmed-booker = Din bokning är bekräftad. Välkommen!
booking-mail-confirmed-owner = Bokningen är bekräftad.
booking-mail-rejected-subject = Bokningen godkändes inte: { $resource } { $when }
booking-mail-rejected-booker = Tyvärr kunde din bokning inte godkännas.
booking-mail-rejected-owner = Bokningsförfrågan har avslagits.
booking-mail-cancelled-subject = Bokningen avbokad: { $resource } { $when }
booking-mail-cancelled-booker = Bokningen har avbokats.
booking-mail-cancelled-owner = Bokningen har avbokats och tiden är ledig igen.
booking-mail-reminder-subject = Påminnelse: { $resource } { $when }
booking-mail-reminder-booker = En påminnelse om din bokning i morgon.
booking-mail-reminder-owner = Påminnelse: resursen är bokad i morgon.

# Avbokning av en serie
booking-cancel-which = Vilka gånger avbokas?
