# Suunta: editing and deleting goals, actions, milestones and indicators, keeping the
# perspectives, and an organisation's Suunta flags.

# Goals
strategy-goals-of-plan = The plan's goals
strategy-edit-goal = Edit goal
strategy-edit-goal-of = Edit goal: { $goal }
strategy-goal-details = The goal
strategy-delete-goal = Delete goal
strategy-delete-goal-confirm = Delete the goal with its subgoals?
strategy-delete-goal-has-actions = The goal cannot be deleted: there are actions under it or its subgoals. Move these actions to another goal or delete them first:
strategy-delete-goal-subgoals = Its subgoals are deleted with the goal:
strategy-delete-goal-indicators = These indicators are unlinked from the deleted goals (the indicators stay):
strategy-perspectives-manage = Edit perspectives

# Actions and milestones
strategy-edit-action = Edit action
strategy-partners-none = The action has no partners yet.
strategy-partner-search = Add a partner
strategy-partner-search-hint = Type the organisation's name or business ID. If the search finds several, choose the right one from the list.
strategy-delete-action = Delete action
strategy-delete-action-lead = The action is deleted with its milestones. This cannot be undone.
strategy-delete-action-confirm = Delete the action with its milestones?
strategy-done-on = done { $date }
strategy-edit-milestone = Edit milestone
strategy-delete-milestone = Delete milestone
strategy-delete-milestone-confirm = Delete the milestone?
error-partner-not-found = The search found no organisation. Check the name or business ID.
error-partner-several = The search found several organisations. Choose the right one from the list above and save again.

# Indicators
strategy-edit-indicator = Edit indicator
strategy-remove-target = Remove the target for { $year }
strategy-unlink-goal = Unlink from goal
strategy-delete-indicator = Delete indicator
strategy-delete-indicator-lead = The indicator is deleted with its targets, values and goal links. This cannot be undone.
strategy-delete-indicator-confirm = Delete the indicator with its targets and values?
error-indicator-unit-in-use = The unit cannot change while the indicator has targets or values in the old unit. Remove them first.

# Perspectives (administrator)
strategy-perspectives-nav = Perspectives
strategy-perspectives-title = Perspectives of goals
strategy-perspectives-lead = Goals are grouped by perspective. A perspective's key stays; its name can change in all three languages.
strategy-perspectives-rename = Current perspectives
strategy-perspective-key-is = Perspective { $key }
strategy-perspective-add = Add a perspective
strategy-perspective-key = Key
strategy-perspective-key-hint = Lower-case letters a–z, digits and underscores, for example skills. The key cannot change later.
strategy-perspective-name-fi = Name in Finnish
strategy-perspective-name-sv = Name in Swedish
strategy-perspective-name-en = Name in English
error-perspective-key = A key may hold only lower-case letters a–z, digits and underscores (at most 40).
error-perspective-key-taken = A perspective with this key exists already.

# An organisation's Suunta flags (administrator)
organisation-flags-title = Suunta flags
organisation-flags-legend = The organisation in plans
organisation-flag-home = One of the institution's own organisations
organisation-flag-home-hint = Computed indicators do not count the institution's own organisations as partners.
organisation-flag-confidential = Confidential partner
organisation-flag-confidential-hint = A plan's public link never shows a confidential partner.

# Subjects of the change history
entity-plan = plan
entity-goal = goal
entity-action = action
entity-milestone = milestone
entity-indicator = indicator
entity-perspective = perspective
strategy-remove-value = Remove the value
strategy-remove-value-confirm = Remove this value?
strategy-delete-plan = Delete plan
strategy-delete-plan-lead = The plan is deleted with everything in it: goals, actions with their milestones, indicators with their values, workshops with their ideas, and public links. This cannot be undone.
strategy-delete-plan-confirm = Delete the plan with everything in it?
