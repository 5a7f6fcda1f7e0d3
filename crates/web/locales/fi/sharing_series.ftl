# Yhteiskäyttö: varauksen ja sarjan kertojen ajan siirtäminen, resurssin määrän muutoksen
# tarkistus.

series-move-title = Siirrä aikaa
series-move-which = Mitä kertoja siirretään?
series-move-date = Uusi päivä
series-move-date-hint = Vain yksittäiselle kerralle. Jätä tyhjäksi, niin päivä pysyy samana.
series-move-submit = Siirrä
series-move-refused-count = { $count ->
    [one] Yhtä kertaa ei voi siirtää, joten mitään ei siirretty:
   *[other] { $count } kertaa ei voi siirtää, joten mitään ei siirretty:
}
series-move-date-one-only = Uuden päivän voi antaa vain yksittäiselle kerralle.
series-move-started = Alkanutta tai mennyttä varausta ei voi siirtää.
series-move-refused-api = Kertoja ei voi siirtää (ks. `occurrences`), joten mitään ei siirretty.
series-move-nothing = Siirrettäviä tulevia kertoja ei ole.
series-error-quantity-below-booked = Tulevissa varauksissa on samaan aikaan varattuna enemmän kappaleita kuin uusi määrä. Peru tai siirrä varauksia ensin.
series-error-quantity-single-overlaps = Tulevat varaukset ovat osin päällekkäin, joten resurssista ei voi tehdä yksittäistä. Peru tai siirrä varauksia ensin.
booking-mail-changed-subject = Varauksen aika muuttui: { $resource } { $when }
booking-mail-changed-booker = Varauksesi aika on muuttunut. Uusi aika on alla.
booking-mail-changed-owner = Varauksen aika on muuttunut. Uusi aika on alla.
series-mail-changed-waiting-booker = Omistaja vahvistaa uuden ajan. Saat viestin, kun se on käsitelty.
series-mail-changed-waiting-owner = Uusi aika odottaa vahvistustasi Vaskissa.

# A series waiting for the owner, decided at once
bookings-waiting-series = ja { $count ->
    [one] yksi muu saman sarjan aika
   *[other] { $count } muuta saman sarjan aikaa
  }, viimeinen { $last }
bookings-waiting-one-by-one = Päätä kerta kerralta
booking-series-waiting = Sarjasta odottaa hyväksyntää { $count } aikaa tämä mukaan lukien.
booking-confirm-series = Hyväksy kaikki { $count }
booking-reject-series = Hylkää kaikki { $count }
series-mail-times = { $count } aikaa { $first } – { $last }
series-mail-count = Viesti koskee { $count } saman sarjan aikaa:
bookings-waiting-series-price = yhteensä { $sum }
