# Suunta: redigera och ta bort mål, åtgärder, delmål och indikatorer, hålla perspektiven
# och organisationens Suunta-markeringar.

# Mål
strategy-goals-of-plan = Planens mål
strategy-edit-goal = Redigera målet
strategy-edit-goal-of = Redigera målet: { $goal }
strategy-goal-details = Målets uppgifter
strategy-delete-goal = Ta bort målet
strategy-delete-goal-confirm = Ta bort målet med dess delmål?
strategy-delete-goal-has-actions = Målet kan inte tas bort eftersom det finns åtgärder under det eller dess delmål. Flytta dessa åtgärder till ett annat mål eller ta bort dem först:
strategy-delete-goal-subgoals = Med målet tas också dess delmål bort:
strategy-delete-goal-indicators = Dessa indikatorer kopplas loss från de mål som tas bort (indikatorerna finns kvar):
strategy-perspectives-manage = Redigera perspektiven

# Åtgärder och delmål
strategy-edit-action = Redigera åtgärden
strategy-partners-none = Åtgärden har ännu inga partner.
strategy-partner-search = Lägg till en partner
strategy-partner-search-hint = Skriv organisationens namn eller FO-nummer. Om sökningen hittar flera, välj den rätta i listan.
strategy-delete-action = Ta bort åtgärden
strategy-delete-action-lead = Åtgärden tas bort med sina delmål. Borttagningen kan inte ångras.
strategy-delete-action-confirm = Ta bort åtgärden med dess delmål?
strategy-done-on = klart { $date }
strategy-edit-milestone = Redigera delmålet
strategy-delete-milestone = Ta bort delmålet
strategy-delete-milestone-confirm = Ta bort delmålet?
error-partner-not-found = Sökningen hittade ingen organisation. Kontrollera namnet eller FO-numret.
error-partner-several = Sökningen hittade flera organisationer. Välj den rätta i listan ovan och spara igen.

# Indikatorer
strategy-edit-indicator = Redigera indikatorn
strategy-remove-target = Ta bort målvärdet för { $year }
strategy-unlink-goal = Koppla loss från målet
strategy-delete-indicator = Ta bort indikatorn
strategy-delete-indicator-lead = Indikatorn tas bort med sina målvärden, värden och målkopplingar. Borttagningen kan inte ångras.
strategy-delete-indicator-confirm = Ta bort indikatorn med dess målvärden och värden?
error-indicator-unit-in-use = Enheten kan inte bytas eftersom indikatorn har målvärden eller värden i den gamla enheten. Ta bort dem först.

# Perspektiv (administratör)
strategy-perspectives-nav = Perspektiv
strategy-perspectives-title = Målens perspektiv
strategy-perspectives-lead = Målen delas in i perspektiv. Perspektivets kod består, namnet kan ändras på alla tre språken.
strategy-perspectives-rename = Nuvarande perspektiv
strategy-perspective-key-is = Perspektivet { $key }
strategy-perspective-add = Lägg till ett perspektiv
strategy-perspective-key = Kod
strategy-perspective-key-hint = Små bokstäver a–z, siffror och understreck, till exempel kompetens. Koden kan inte ändras senare.
strategy-perspective-name-fi = Namn på finska
strategy-perspective-name-sv = Namn på svenska
strategy-perspective-name-en = Namn på engelska
error-perspective-key = Koden får bara innehålla små bokstäver a–z, siffror och understreck (högst 40 tecken).
error-perspective-key-taken = Det finns redan ett perspektiv med denna kod.

# Organisationens Suunta-markeringar (administratör)
organisation-flags-title = Suunta-markeringar
organisation-flags-legend = Organisationens markeringar i planerna
organisation-flag-home = Läroanstaltens egen organisation
organisation-flag-home-hint = Beräknade indikatorer räknar inte läroanstaltens egna organisationer som partner.
organisation-flag-confidential = Konfidentiell partner
organisation-flag-confidential-hint = Planens offentliga länk visar aldrig en konfidentiell partner.

# Ändringshistorikens objekt
entity-plan = plan
entity-goal = mål
entity-action = åtgärd
entity-milestone = delmål
entity-indicator = indikator
entity-perspective = perspektiv
strategy-remove-value = Ta bort värdet
strategy-remove-value-confirm = Ta bort det här värdet?
strategy-delete-plan = Ta bort planen
strategy-delete-plan-lead = Planen tas bort med allt i den: mål, åtgärder med delmål, indikatorer med värden, workshoppar med idéer och offentliga länkar. Borttagningen kan inte ångras.
strategy-delete-plan-confirm = Ta bort planen med allt i den?
