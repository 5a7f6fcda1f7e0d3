# Suunta in the JSON API: plans, goals, actions, milestones and indicators (English)
api-error-decimal = Give a number, for example 12 or 0.375.
api-error-threshold-range = Give a share from 0 to 1, for example 0.9.
api-error-indicator-value-share = Give a share from 0 to 1: 37.5 % is 0.375.
api-error-plan-organisation = The plan's organisation must be the institution's own, or a vocational institution, university or research institute of the network.
api-error-plan-organisation-fixed = A plan's organisation does not change.
api-error-milestones = Give the milestones as a list of objects with title, due_on and, if done, done_on.
api-error-milestone-outside-action-dates = A milestone's date must lie within its action's schedule, { $starts_on } to { $ends_on }.
api-error-target-year-outside-plan-period = The year { $year } is outside the plan's period, { $first_year } to { $last_year }.
