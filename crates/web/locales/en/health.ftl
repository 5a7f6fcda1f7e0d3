# Network health (/network/health) and the network map (/network/map).

## Network health

health-title = Network health
health-intro = The partner network at a glance: which partnerships rest on a single person, which have gone quiet, which agreements end soon, and what kinds of partners the network has.
health-summary = Summary
health-organisations = Organisations in all
health-active = Active partners
health-single-owner = Partnerships resting on a single owner
health-single-owner-why = If the only owner leaves, the partnership's history and contacts leave with them. Add a second owner to these partners.
health-single-owner-all = Show all in the organisation list
health-no-owner = Partners with no owner
health-dormant = Dormant partners
health-dormant-label = { $count ->
    [one] Active partners nobody has been in touch with for a day
   *[other] Active partners nobody has been in touch with for { $count } days
}
health-dormant-days-label = Dormant after this many days without contact
health-dormant-days-hint = { $count ->
    [one] A whole number from 1 to 3650. The default is { $count } day.
   *[other] A whole number from 1 to 3650. The default is { $count } days.
}
health-dormant-days-apply = Update
health-dormant-days-invalid = Give the number of days as a whole number from 1 to 3650. The figures were computed with the default.
health-expiring-label = { $count ->
    [one] Agreements ending within a day
   *[other] Agreements ending within { $count } days
}
health-partners-count = { $count ->
    [0] No partners.
    [one] One partner.
   *[other] { $count } partners.
}
health-list-capped = { $count ->
    [one] The list shows the first partner.
   *[other] The list shows the first { $count } partners.
}
health-none = None.
health-never = never
health-not-given = Not known
health-count = Number
health-share = Share
health-percent = { $value }%
health-days-left = { $count ->
    [0] ends today
    [one] { $count } day
   *[other] { $count } days
}
health-col-organisation = Organisation
health-col-municipality = Municipality
health-col-last-interaction = Last contact
health-col-owners = Owners
health-col-agreement = Agreement
health-col-agreement-kind = Kind of agreement
health-col-ends = Ends
health-col-days-left = Time left
health-col-year = Year
health-col-new-partners = New partners
health-col-kind = Kind of organisation
health-col-status = Status
health-col-industry = Industry (TOL 2008)
health-new-per-year = New partners per year
health-new-per-year-desc = Bar chart: the number of organisations that became partners in each year. The table below the chart has the same figures.
health-new-per-year-caption = The height of a bar is the number of organisations that became partners during the year.
health-new-per-year-table = New partners per year as a table
health-composition = What the network is made of
health-by-kind = Kinds of organisation
health-by-status = Status of partnerships
health-by-industry = Industries
health-by-municipality = Municipalities

## Network map

map-title = Network map
map-intro = The organisations grouped by kind and the links between them: shared projects, shared agreements and people who have worked at both. Choose an organisation to open it. The map's content is also given as text below the map.
map-svg-desc = { $nodes } organisations and { $links } links. The organisations are grouped by kind; lines are links, and a thicker line means more links.
map-organisations-count = { $count ->
    [one] The map shows one organisation
   *[other] The map shows { $count } organisations
}
map-links-count = { $count ->
    [0] no links
    [one] one link
   *[other] { $count } links
}
map-capped = { $count ->
    [one] The map shows only one organisation.
   *[other] The map shows at most { $count } organisations, those with the most links first.
}
map-skip-to-text = Go to the map as text
map-download-svg = The map as an SVG image
map-legend = Legend
map-legend-line = Line: { $kind }
map-legend-single-owner = Dashed outline: only one owner
map-legend-no-owner = Dotted outline: no owner
map-legend-width = The thicker the line, the more links between the organisations.
map-link-agreement = shared agreement
map-link-project = shared project
map-link-person = shared contact person
map-single-owner = one owner
map-no-owner = no owner
map-text-alternative = The map as text
map-links = Links
map-no-links = There are no links between organisations yet.
map-organisations = Organisations on the map
map-col-links = Links
map-col-owners = Owners
