# Suunta: tavoitteiden, toimenpiteiden, askelmerkkien ja mittarien muokkaus ja poisto,
# näkökulmien ylläpito ja organisaation Suunta-merkinnät.

# Tavoitteet
strategy-goals-of-plan = Suunnitelman tavoitteet
strategy-edit-goal = Muokkaa tavoitetta
strategy-edit-goal-of = Muokkaa tavoitetta: { $goal }
strategy-goal-details = Tavoitteen tiedot
strategy-delete-goal = Poista tavoite
strategy-delete-goal-confirm = Poistetaanko tavoite alatavoitteineen?
strategy-delete-goal-has-actions = Tavoitetta ei voi poistaa, koska sen tai sen alatavoitteiden alla on toimenpiteitä. Siirrä nämä toimenpiteet toiseen tavoitteeseen tai poista ne ensin:
strategy-delete-goal-subgoals = Tavoitteen mukana poistuvat myös sen alatavoitteet:
strategy-delete-goal-indicators = Nämä mittarit irrotetaan poistettavista tavoitteista (mittarit itse säilyvät):
strategy-perspectives-manage = Muokkaa näkökulmia

# Toimenpiteet ja askelmerkit
strategy-edit-action = Muokkaa toimenpidettä
strategy-partners-none = Toimenpiteellä ei ole vielä kumppaneita.
strategy-partner-search = Lisää kumppani
strategy-partner-search-hint = Kirjoita organisaation nimi tai Y-tunnus. Jos haku löytää useita, valitse oikea listasta.
strategy-delete-action = Poista toimenpide
strategy-delete-action-lead = Toimenpide poistetaan askelmerkkeineen. Poistoa ei voi perua.
strategy-delete-action-confirm = Poistetaanko toimenpide askelmerkkeineen?
strategy-done-on = tehty { $date }
strategy-edit-milestone = Muokkaa askelmerkkiä
strategy-delete-milestone = Poista askelmerkki
strategy-delete-milestone-confirm = Poistetaanko askelmerkki?
error-partner-not-found = Haulla ei löytynyt organisaatiota. Tarkista nimi tai Y-tunnus.
error-partner-several = Haku löysi useita organisaatioita. Valitse oikea yllä olevasta listasta ja tallenna uudelleen.

# Mittarit
strategy-edit-indicator = Muokkaa mittaria
strategy-remove-target = Poista vuoden { $year } tavoite
strategy-unlink-goal = Irrota tavoitteesta
strategy-delete-indicator = Poista mittari
strategy-delete-indicator-lead = Mittari poistetaan tavoitteineen, arvoineen ja tavoitelinkkeineen. Poistoa ei voi perua.
strategy-delete-indicator-confirm = Poistetaanko mittari tavoitteineen ja arvoineen?
error-indicator-unit-in-use = Yksikköä ei voi vaihtaa, koska mittarilla on tavoitteita tai arvoja vanhassa yksikössä. Poista ne ensin.

# Näkökulmat (ylläpitäjä)
strategy-perspectives-nav = Näkökulmat
strategy-perspectives-title = Tavoitteiden näkökulmat
strategy-perspectives-lead = Tavoitteet jaotellaan näkökulmiin. Näkökulman tunnus pysyy, nimen voi vaihtaa kaikilla kolmella kielellä.
strategy-perspectives-rename = Nykyiset näkökulmat
strategy-perspective-key-is = Näkökulma { $key }
strategy-perspective-add = Lisää näkökulma
strategy-perspective-key = Tunnus
strategy-perspective-key-hint = Pieniä kirjaimia a–z, numeroita ja alaviivoja, esimerkiksi osaaminen. Tunnusta ei voi myöhemmin muuttaa.
strategy-perspective-name-fi = Nimi suomeksi
strategy-perspective-name-sv = Nimi ruotsiksi
strategy-perspective-name-en = Nimi englanniksi
error-perspective-key = Tunnuksessa saa olla vain pieniä kirjaimia a–z, numeroita ja alaviivoja (enintään 40 merkkiä).
error-perspective-key-taken = Tällä tunnuksella on jo näkökulma.

# Organisaation Suunta-merkinnät (ylläpitäjä)
organisation-flags-title = Suunta-merkinnät
organisation-flags-legend = Organisaation merkinnät suunnitelmissa
organisation-flag-home = Oppilaitoksen oma organisaatio
organisation-flag-home-hint = Lasketut mittarit eivät laske oppilaitoksen omia organisaatioita kumppaneiksi.
organisation-flag-confidential = Luottamuksellinen kumppani
organisation-flag-confidential-hint = Suunnitelman julkinen linkki ei koskaan näytä luottamuksellista kumppania.

# Muutoshistorian kohteet
entity-plan = suunnitelma
entity-goal = tavoite
entity-action = toimenpide
entity-milestone = askelmerkki
entity-indicator = mittari
entity-perspective = näkökulma
strategy-remove-value = Poista arvo
strategy-remove-value-confirm = Poistetaanko tämä arvo?
strategy-delete-plan = Poista suunnitelma
strategy-delete-plan-lead = Suunnitelma poistetaan kaikkineen: tavoitteet, toimenpiteet askelmerkkeineen, mittarit arvoineen, työpajat ideoineen ja julkiset linkit. Poistoa ei voi perua.
strategy-delete-plan-confirm = Poistetaanko suunnitelma kaikkineen?
