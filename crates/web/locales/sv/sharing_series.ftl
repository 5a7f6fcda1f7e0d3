# Gemensam användning: flytta tiden för en bokning och för gånger i en serie, kontrollen när
# en resurs antal ändras.

series-move-title = Flytta tiden
series-move-which = Vilka gånger flyttas?
series-move-date = Nytt datum
series-move-date-hint = Endast för en enskild gång. Lämna tomt så behålls datumet.
series-move-submit = Flytta
series-move-refused-count = { $count ->
    [one] En gång kan inte flyttas, så ingenting flyttades:
   *[other] { $count } gånger kan inte flyttas, så ingenting flyttades:
}
series-move-date-one-only = Ett nytt datum kan bara ges för en enskild gång.
series-move-started = En bokning som har börjat eller passerat kan inte flyttas.
series-move-refused-api = Gångerna kan inte flyttas (se `occurrences`), så ingenting flyttades.
series-move-nothing = Det finns inga kommande gånger att flytta.
series-error-quantity-below-booked = Kommande bokningar håller samtidigt fler enheter än det nya antalet. Avboka eller flytta bokningar först.
series-error-quantity-single-overlaps = Kommande bokningar överlappar, så resursen kan inte bli en enskild enhet. Avboka eller flytta bokningar först.
booking-mail-changed-subject = Bokningens tid har ändrats: { $resource } { $when }
booking-mail-changed-booker = Tiden för din bokning har ändrats. Den nya tiden står nedan.
booking-mail-changed-owner = Tiden för bokningen har ändrats. Den nya tiden står nedan.
series-mail-changed-waiting-booker = Ägaren bekräftar den nya tiden. Du får ett meddelande när den har behandlats.
series-mail-changed-waiting-owner = Den nya tiden väntar på din bekräftelse i Vaski.

# A series waiting for the owner, decided at once
bookings-waiting-series = och { $count ->
    [one] en annan tid i samma serie
   *[other] { $count } andra tider i samma serie
  }, den sista { $last }
bookings-waiting-one-by-one = Besluta en gång i taget
booking-series-waiting = I serien väntar { $count } tider på godkännande, denna inräknad.
booking-confirm-series = Godkänn alla { $count }
booking-reject-series = Avslå alla { $count }
series-mail-times = { $count } tider { $first } – { $last }
series-mail-count = Meddelandet gäller { $count } tider i samma serie:
bookings-waiting-series-price = totalt { $sum }
