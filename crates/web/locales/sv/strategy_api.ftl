# Suunta i JSON-gränssnittet: planer, mål, åtgärder, delmål och indikatorer (svenska)
api-error-decimal = Ange ett tal, till exempel 12 eller 0.375.
api-error-threshold-range = Ange en andel mellan 0 och 1, till exempel 0.9.
api-error-indicator-value-share = Ange en andel mellan 0 och 1: 37,5 % är 0.375.
api-error-plan-organisation = Planens organisation ska vara läroanstaltens egen eller en yrkesläroanstalt, högskola eller forskningsinstitut i nätverket.
api-error-plan-organisation-fixed = Planens organisation kan inte bytas.
api-error-milestones = Ange delmålen som en lista av objekt med title, due_on och vid behov done_on.
api-error-milestone-outside-action-dates = Delmålets datum ska ligga inom åtgärdens tidtabell, { $starts_on } – { $ends_on }.
api-error-target-year-outside-plan-period = Året { $year } hör inte till planens period { $first_year }–{ $last_year }.
