# Suunta JSON-rajapinnassa: suunnitelmat, tavoitteet, toimenpiteet, askelmerkit ja mittarit (suomi)
api-error-decimal = Anna luku, esimerkiksi 12 tai 0.375.
api-error-threshold-range = Anna osuus väliltä 0–1, esimerkiksi 0.9.
api-error-indicator-value-share = Anna osuus väliltä 0–1: 37,5 % on 0.375.
api-error-plan-organisation = Suunnitelman organisaation pitää olla oppilaitoksen oma tai verkoston ammatillinen oppilaitos, korkeakoulu tai tutkimuslaitos.
api-error-plan-organisation-fixed = Suunnitelman organisaatio ei vaihdu.
api-error-milestones = Anna askelmerkit luettelona olioita, joissa on title, due_on ja halutessa done_on.
api-error-milestone-outside-action-dates = Askelmerkin päivän pitää olla toimenpiteen aikataulun sisällä, { $starts_on } – { $ends_on }.
api-error-target-year-outside-plan-period = Vuosi { $year } ei kuulu suunnitelman kauteen { $first_year }–{ $last_year }.
