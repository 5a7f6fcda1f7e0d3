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
calendar-me-title = Varaukset omaan kalenteriin
calendar-me-intro = Tilaa varauksesi kalenteriohjelmaasi (Outlook, Google-kalenteri, puhelimen kalenteri) tällä linkillä. Kalenteri päivittyy itsestään, kun varauksia tehdään, vahvistetaan tai perutaan.
calendar-me-link = Oma kalenterilinkki
calendar-me-subscribe = Tilaa kalenteriohjelmassa
calendar-me-private = Linkki on henkilökohtainen: kuka tahansa, jolla se on, näkee varauksesi. Jos linkki on joutunut vääriin käsiin, tee uusi; vanha lakkaa toimimasta.
calendar-me-renew = Tee uusi linkki
