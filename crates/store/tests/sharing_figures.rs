//! Store tests of the figures of shared use: utilisation against opening hours, use outside the
//! owner, no-shows and the invoicing basis with VAT, on SQLite and on PostgreSQL.

use jiff::civil::{date, DateTime};
use jiff::Timestamp;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::sharing::draft::{PriceInput, ResourceInput};
use vaski_domain::sharing::resource::{BookerKind, BookingStatus};
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::sharing::Interval;
use vaski_store::network::organisation;
use vaski_store::sharing::booking::{self, Booking, Kind, NewBooking};
use vaski_store::sharing::figures::{self, Month};
use vaski_store::sharing::resource::{self, WeeklyRange};
use vaski_store::{both_databases, Actor, Db};

fn actor() -> Actor {
    Actor::system("test")
}

/// "Now" when booking: Monday 2 November 2026, 9:00 in Helsinki.
fn now() -> Timestamp {
    local(date(2026, 11, 2).at(9, 0, 0, 0))
}

/// After every booking of the tests has ended.
fn later() -> Timestamp {
    local(date(2027, 1, 15).at(12, 0, 0, 0))
}

fn local(dt: DateTime) -> Timestamp {
    dt.to_zoned(helsinki().clone())
        .expect("a Helsinki time")
        .timestamp()
}

fn month(year: i16, m: i8) -> Month {
    Month::new(year, m).expect("a month")
}

/// `hh:mm`–`hh:mm` on a day of a month of 2026, Helsinki time.
fn span(m: i8, day: i8, from: (i8, i8), to: (i8, i8)) -> Interval {
    Interval::new(
        local(date(2026, m, day).at(from.0, from.1, 0, 0)),
        local(date(2026, m, day).at(to.0, to.1, 0, 0)),
    )
    .expect("a span")
}

async fn organisation(db: &Db, name: &str, kind: &str) -> i64 {
    let draft = OrganisationInput {
        name: name.into(),
        kind: kind.into(),
        municipality: "Forssa".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid organisation");
    let mut tx = db.begin().await.expect("begin");
    let id = organisation::create(
        &mut tx,
        &draft,
        time::macros::date!(2024 - 01 - 01),
        &actor(),
    )
    .await
    .expect("create");
    tx.commit().await.expect("commit");
    id
}

struct Network {
    school: i64,
    company: i64,
    other_company: i64,
}

async fn network(db: &Db) -> Network {
    Network {
        school: organisation(
            db,
            "Lounais-Hämeen koulutuskuntayhtymä",
            "vocational_institution",
        )
        .await,
        company: organisation(db, "Forssan Konepaja Oy", "company").await,
        other_company: organisation(db, "Jokioisten Metalli Oy", "company").await,
    }
}

fn price(booker: &str, per_hour: &str) -> PriceInput {
    PriceInput {
        booker: booker.into(),
        per_hour: per_hour.into(),
        per_day: String::new(),
    }
}

fn machine(owner: i64) -> ResourceInput {
    ResourceInput {
        name: "CNC-sorvi".into(),
        kind: "machine".into(),
        owner_organisation_id: owner.to_string(),
        municipality: "Forssa".into(),
        approval: "automatic".into(),
        eligibility: "registered_partners".into(),
        prices: vec![price("company", "45")],
        ..Default::default()
    }
}

async fn resource(db: &Db, input: ResourceInput) -> i64 {
    let draft = input.validate().expect("valid resource");
    let mut tx = db.begin().await.expect("begin");
    let id = resource::create(&mut tx, &draft, &actor())
        .await
        .expect("create resource");
    tx.commit().await.expect("commit");
    id
}

/// Weekdays 8–16.
async fn office_hours(db: &Db, id: i64) {
    let weekdays: Vec<WeeklyRange> = (1..=5)
        .map(|d| WeeklyRange {
            weekday: d,
            opens_minute: 8 * 60,
            closes_minute: 16 * 60,
        })
        .collect();
    let mut tx = db.begin().await.expect("begin");
    resource::set_weekly_hours(&mut tx, id, &weekdays, &actor())
        .await
        .expect("hours");
    tx.commit().await.expect("commit");
}

fn request(resource_id: i64, booker: Option<i64>, at: Interval) -> NewBooking {
    NewBooking {
        resource_id,
        kind: if booker.is_some() {
            Kind::Booking
        } else {
            Kind::Block
        },
        occurrences: vec![at],
        series: None,
        units: 1,
        booker_organisation_id: booker,
        contact_person_id: None,
        booked_by: None,
        purpose: None,
        people_count: None,
        skip_conflicts: false,
    }
}

async fn book(db: &Db, req: &NewBooking) -> Booking {
    let outcome = booking::book(db, req, now(), &actor())
        .await
        .expect("store works")
        .expect("request accepted");
    assert!(outcome.refused.is_empty(), "{:?}", outcome.refused);
    outcome.made.into_iter().next().expect("one booking made")
}

async fn cancel(db: &Db, id: i64) {
    let mut tx = db.begin().await.expect("begin");
    booking::set_status(&mut tx, id, BookingStatus::Cancelled, &actor())
        .await
        .expect("cancel");
    tx.commit().await.expect("commit");
}

both_databases! {
    async fn a_resource_open_8_to_16_on_weekdays_booked_once_for_4_hours_is_used_by_that_share(db) {
        let n = network(&db).await;
        let lathe = resource(&db, machine(n.school)).await;
        office_hours(&db, lathe).await;
        book(&db, &request(lathe, Some(n.company), span(11, 10, (8, 0), (12, 0)))).await;
        // Neither the owner's maintenance block nor a cancelled booking is use.
        book(&db, &request(lathe, None, span(11, 11, (8, 0), (16, 0)))).await;
        let cancelled = book(&db, &request(lathe, Some(n.company), span(11, 12, (8, 0), (16, 0)))).await;
        cancel(&db, cancelled.id).await;

        let rows = figures::utilisation(&db, month(2026, 11), month(2026, 12), None).await.expect("utilisation");
        assert_eq!(rows.len(), 2, "a row for each month, also without bookings");
        let november = &rows[0];
        assert_eq!((november.resource_id, november.month), (lathe, month(2026, 11)));
        // November 2026 has 21 weekdays of 8 hours.
        assert_eq!(november.open_minutes, 21 * 8 * 60);
        assert_eq!(november.booked_minutes, 4 * 60);
        assert_eq!(november.percent(), 2, "240 of 10 080 minutes");
        assert_eq!((rows[1].month, rows[1].booked_minutes), (month(2026, 12), 0));
        // December 2026 has 23 weekdays; this lathe stays open on public holidays.
        assert_eq!(rows[1].open_minutes, 23 * 8 * 60);
    }

    async fn a_booking_across_the_turn_of_the_month_counts_in_both_and_a_pool_counts_its_units(db) {
        let n = network(&db).await;
        // No weekly hours: open round the clock.
        let hall = resource(&db, ResourceInput { name: "Juhlasali".into(), kind: "facility".into(), ..machine(n.school) }).await;
        let night = Interval::new(local(date(2026, 11, 30).at(22, 0, 0, 0)), local(date(2026, 12, 1).at(2, 0, 0, 0))).expect("span");
        book(&db, &request(hall, Some(n.company), night)).await;
        let laptops = resource(&db, ResourceInput { name: "Kannettavat".into(), kind: "equipment".into(), quantity: "3".into(), ..machine(n.school) }).await;
        office_hours(&db, laptops).await;
        book(&db, &NewBooking { units: 2, ..request(laptops, Some(n.company), span(11, 10, (8, 0), (10, 0))) }).await;

        let rows = figures::utilisation(&db, month(2026, 11), month(2026, 12), Some(n.school)).await.expect("utilisation");
        let of = |id: i64, m: Month| rows.iter().find(|r| r.resource_id == id && r.month == m).expect("a row");
        assert_eq!(of(hall, month(2026, 11)).booked_minutes, 120);
        assert_eq!(of(hall, month(2026, 12)).booked_minutes, 120);
        assert_eq!(of(hall, month(2026, 11)).open_minutes, 30 * 24 * 60);
        assert_eq!(of(laptops, month(2026, 11)).booked_minutes, 2 * 120, "two units for two hours");
        assert_eq!(of(laptops, month(2026, 11)).open_minutes, 3 * 21 * 8 * 60, "three units open");
    }

    async fn hours_outside_the_owner_are_told_apart_from_own_use(db) {
        let n = network(&db).await;
        let lathe = resource(&db, machine(n.school)).await;
        let press = resource(&db, ResourceInput { name: "Särmäyspuristin".into(), prices: vec![price("institution", "30")], ..machine(n.company) }).await;
        let by_company = book(&db, &request(lathe, Some(n.company), span(11, 10, (8, 0), (12, 0)))).await;
        book(&db, &request(lathe, Some(n.school), span(11, 10, (12, 0), (14, 0)))).await;
        book(&db, &request(press, Some(n.school), span(11, 11, (8, 0), (11, 0)))).await;
        let mut tx = db.begin().await.expect("begin");
        booking::set_no_show(&mut tx, by_company.id, true, &actor()).await.expect("no-show");
        tx.commit().await.expect("commit");

        let (from, to) = (month(2026, 11), month(2026, 11));
        let all = figures::hours_by_organisation(&db, from, to, None).await.expect("hours");
        let sharing = figures::sharing(&all);
        assert_eq!(sharing.minutes, 9 * 60);
        assert_eq!(sharing.outside_minutes, 7 * 60, "the company on the lathe and the school on the press");
        assert_eq!(sharing.outside_organisations, 2);
        assert_eq!(sharing.outside_percent(), 78);
        let school_rows: Vec<(bool, i64)> = all.iter().filter(|r| r.organisation_id == Some(n.school)).map(|r| (r.outside, r.minutes)).collect();
        assert_eq!(school_rows, vec![(true, 180), (false, 120)], "its own lathe and the company's press apart");

        let schools = figures::hours_by_organisation(&db, from, to, Some(n.school)).await.expect("hours");
        let s = figures::sharing(&schools);
        assert_eq!((s.minutes, s.outside_minutes, s.outside_organisations), (6 * 60, 4 * 60, 1));

        let kinds = figures::hours_by_booker_kind(&db, from, to, Some(n.school)).await.expect("kinds");
        let kinds: Vec<(Option<BookerKind>, i64, i64)> = kinds.iter().map(|k| (k.booker_kind, k.bookings, k.minutes)).collect();
        assert_eq!(kinds, vec![(Some(BookerKind::Own), 1, 120), (Some(BookerKind::Company), 1, 240)]);

        let no_shows = figures::no_shows(&db, from, to, None, later()).await.expect("no-shows");
        assert_eq!(no_shows.len(), 1, "only the lathe had a no-show");
        assert_eq!((no_shows[0].resource_id, no_shows[0].ended_bookings, no_shows[0].no_shows, no_shows[0].no_show_minutes), (lathe, 2, 1, 240));
        let before = figures::no_shows(&db, from, to, None, now()).await.expect("no-shows");
        assert!(before.is_empty(), "bookings that have not ended are not counted");

        let together = figures::figures(&db, from, to, None, later()).await.expect("figures");
        assert_eq!(together.sharing, sharing);
        assert_eq!(together.no_shows, no_shows);
        assert_eq!(together.utilisation.len(), 2);
    }

    async fn the_invoicing_basis_sums_prices_per_booker_with_vat_per_row(db) {
        let n = network(&db).await;
        let lathe = resource(&db, machine(n.school)).await;
        let laptops = resource(&db, ResourceInput { name: "Kannettavat".into(), kind: "equipment".into(), quantity: "3".into(), prices: vec![price("company", "5")], ..machine(n.school) }).await;
        book(&db, &request(lathe, Some(n.company), span(11, 10, (8, 0), (12, 0)))).await;
        book(&db, &request(lathe, Some(n.company), span(11, 17, (8, 0), (9, 0)))).await;
        book(&db, &request(lathe, Some(n.other_company), span(11, 18, (8, 0), (9, 15)))).await;
        book(&db, &NewBooking { units: 2, ..request(laptops, Some(n.other_company), span(11, 18, (10, 0), (12, 0))) }).await;
        // Not on November's basis: the owner's own use, a cancelled booking, December.
        book(&db, &request(lathe, Some(n.school), span(11, 19, (8, 0), (12, 0)))).await;
        let cancelled = book(&db, &request(lathe, Some(n.company), span(11, 20, (8, 0), (12, 0)))).await;
        cancel(&db, cancelled.id).await;
        book(&db, &request(lathe, Some(n.company), span(12, 1, (8, 0), (12, 0)))).await;

        let rows = figures::invoicing_basis(&db, month(2026, 11), None).await.expect("basis");
        let summary: Vec<(i64, i64, i64, i64, i64, i64, i64)> = rows
            .iter()
            .map(|r| (r.organisation_id, r.bookings, r.minutes, r.days, r.net_cents, r.vat_cents, r.total_cents))
            .collect();
        assert_eq!(
            summary,
            vec![
                // 4 h + 1 h at 45 €: 225,00 €, tax 57,375 → 57,38 €.
                (n.company, 2, 300, 2, 22_500, 5_738, 28_238),
                // 1 h 15 min at 45 € and two laptops for 2 h at 5 €: 76,25 €, tax 19,44375 → 19,44 €.
                (n.other_company, 2, 75 + 240, 1 + 2, 7_625, 1_944, 9_569),
            ]
        );
        assert!(rows.iter().all(|r| r.owner_organisation_id == n.school && r.booker_kind == Some(BookerKind::Company)));
        let t = figures::invoice_totals(&rows);
        assert_eq!((t.bookings, t.net_cents, t.vat_cents, t.total_cents), (4, 30_125, 7_682, 37_807));
        assert!(figures::invoicing_basis(&db, month(2026, 11), Some(n.company)).await.expect("basis").is_empty(), "the company owns nothing booked");
        assert_eq!(figures::invoicing_basis(&db, month(2026, 12), Some(n.school)).await.expect("basis").len(), 1);
        assert_eq!(figures::owner_names(&db).await.expect("owners"), vec![(n.school, "Lounais-Hämeen koulutuskuntayhtymä".to_string())]);
    }
}
