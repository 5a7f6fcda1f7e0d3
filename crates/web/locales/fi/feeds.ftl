# Kalenterisyötteet (suomi)
calendar-busy = Varattu
calendar-block = Omistajan oma varaus
calendar-status = Tila
calendar-status-requested = odottaa vahvistusta
calendar-status-confirmed = vahvistettu
calendar-status-rejected = hylätty
calendar-status-cancelled = peruttu
calendar-contact = Yhteyshenkilö
calendar-units = Yksiköitä
calendar-busy-feed = Varatut ajat kalenteriin (julkinen)
calendar-private-feed = Kaikki varaukset kalenteriin
calendar-private-feed-note = yksityinen linkki: älä jaa sitä
calendar-me-title = Varaukset omaan kalenteriin
calendar-me-intro = Tilaa varauksesi kalenteriohjelmaasi (Outlook, Google-kalenteri, puhelimen kalenteri) tällä linkillä. Kalenteri päivittyy itsestään, kun varauksia tehdään, vahvistetaan tai perutaan.
calendar-me-link = Oma kalenterilinkki
calendar-me-subscribe = Tilaa kalenteriohjelmassa
calendar-me-private = Linkki on henkilökohtainen: kuka tahansa, jolla se on, näkee varauksesi. Jos linkki on joutunut vääriin käsiin, tee uusi; vanha lakkaa toimimasta.
calendar-me-renew = Tee uusi linkki

# Varausten sähköpostit
booking-mail-greeting = Hei { $name },
booking-mail-resource = Resurssi
booking-mail-time = Aika
booking-mail-booker = Varaaja
booking-mail-purpose = Käyttötarkoitus
booking-mail-link = Varaus Vaskissa
booking-mail-signature = Vaski – työelämäyhteistyön verkosto
booking-mail-requested-subject = Varauspyyntö: { $resource } { $when }
booking-mail-requested-booker = Varauspyyntösi on vastaanotettu. Saat viestin, kun omistaja on käsitellyt sen.
booking-mail-requested-owner = { $booker } pyytää varausta. Vahvista tai hylkää se Vaskissa.
booking-mail-confirmed-subject = Varaus vahvistettu: { $resource } { $when }
booking-mail-confirmed-booker = Varauksesi on vahvistettu. Tervetuloa!
booking-mail-confirmed-owner = Varaus on vahvistettu.
booking-mail-rejected-subject = Varausta ei hyväksytty: { $resource } { $when }
booking-mail-rejected-booker = Valitettavasti varaustasi ei voitu hyväksyä.
booking-mail-rejected-owner = Varauspyyntö on hylätty.
booking-mail-cancelled-subject = Varaus peruttu: { $resource } { $when }
booking-mail-cancelled-booker = Varaus on peruttu.
booking-mail-cancelled-owner = Varaus on peruttu, ja aika on taas vapaana.
booking-mail-reminder-subject = Muistutus: { $resource } { $when }
booking-mail-reminder-booker = Muistutus huomisesta varauksestasi.
booking-mail-reminder-owner = Muistutus: resurssille on huomenna varaus.

# Sarjan peruminen
booking-cancel-which = Mitkä kerrat perutaan?
