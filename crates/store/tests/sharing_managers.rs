//! Resource managers (vastuuhenkilöt): who may be one, the audit of a change, and that the
//! owner's side of a booking notice reaches them, each person once; on SQLite and PostgreSQL.

use jiff::civil::date;
use time::macros::date as tdate;
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::sharing::draft::ResourceInput;
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::sharing::Interval;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::network::organisation;
use vaski_store::sharing::booking::{self, Kind, NewBooking};
use vaski_store::sharing::manager;
use vaski_store::sharing::notice::{self, Side};
use vaski_store::sharing::resource;
use vaski_store::{both_databases, sql, Actor, Db, StoreError};

fn actor() -> Actor {
    Actor::system("test")
}

async fn organisation(db: &Db, name: &str, kind: &str) -> i64 {
    let draft = OrganisationInput {
        name: name.into(),
        kind: kind.into(),
        ..Default::default()
    }
    .validate()
    .expect("valid organisation");
    let mut tx = db.begin().await.expect("begin");
    let id = organisation::create(&mut tx, &draft, tdate!(2024 - 01 - 01), &actor())
        .await
        .expect("create");
    tx.commit().await.expect("commit");
    id
}

async fn user(db: &Db, email: &str, role: Role, org: Option<i64>) -> i64 {
    let email = Email::parse(email).expect("email");
    account::create_user(
        db,
        NewUser {
            email: &email,
            name: email.as_str().split('@').next().unwrap_or("user"),
            role,
            organisation_id: org,
            password_hash: None,
            language: Language::Fi,
        },
        &actor(),
    )
    .await
    .expect("user")
}

async fn lathe(db: &Db, owner: i64) -> i64 {
    let draft = ResourceInput {
        name: "CNC-sorvi".into(),
        kind: "machine".into(),
        owner_organisation_id: owner.to_string(),
        approval: "owner".into(),
        eligibility: "registered_partners".into(),
        ..Default::default()
    }
    .validate()
    .expect("resource");
    let mut tx = db.begin().await.expect("begin");
    let id = resource::create(&mut tx, &draft, &actor())
        .await
        .expect("resource");
    tx.commit().await.expect("commit");
    id
}

async fn set(db: &Db, resource_id: i64, ids: &[i64]) -> Result<bool, StoreError> {
    let mut tx = db.begin().await.expect("begin");
    let changed = manager::set_managers(&mut tx, resource_id, ids, &actor()).await?;
    tx.commit().await.expect("commit");
    Ok(changed)
}

fn next_year_tuesday() -> Interval {
    let year = jiff::Zoned::now().year() + 1;
    let at = |h: i8| {
        date(year, 3, 10)
            .at(h, 0, 0, 0)
            .to_zoned(helsinki().clone())
            .expect("time")
            .timestamp()
    };
    Interval::new(at(8), at(12)).expect("span")
}

/// The booking's notice recipients: `(user id, side)`.
async fn recipients_of(db: &Db, booking_id: i64) -> Vec<(i64, Side)> {
    let mut tx = db.begin().await.expect("begin");
    let b = booking::get_in(&mut tx, booking_id)
        .await
        .expect("read")
        .expect("booking");
    let out = notice::recipients(&mut tx, &b)
        .await
        .expect("recipients")
        .into_iter()
        .map(|r| (r.user_id, r.side))
        .collect();
    tx.commit().await.expect("commit");
    out
}

both_databases! {
    async fn managers_are_set_read_back_by_name_and_the_change_is_audited(db) {
        let school = organisation(&db, "Lounais-Hämeen koulutuskuntayhtymä", "vocational_institution").await;
        let jari = user(&db, "jari@lhkk.example", Role::Staff, None).await;
        let admin = user(&db, "admin@lhkk.example", Role::Admin, None).await;
        let r = lathe(&db, school).await;
        assert!(manager::managers(&db, r).await.expect("read").is_empty());

        assert!(set(&db, r, &[jari, admin, jari]).await.expect("set"), "duplicates count once");
        let names: Vec<String> = manager::managers(&db, r).await.expect("read").into_iter().map(|m| m.name).collect();
        assert_eq!(names, ["admin", "jari"]);
        assert!(manager::is_manager(&db, r, jari).await.expect("read"));
        assert!(!set(&db, r, &[admin, jari]).await.expect("set"), "the same managers change nothing");
        assert_eq!(manager::manager_ids_of(&db, &[r]).await.expect("read").get(&r), Some(&{
            let mut ids = vec![jari, admin];
            ids.sort_unstable();
            ids
        }));

        assert!(set(&db, r, &[jari]).await.expect("set"));
        let audit: Vec<(String,)> = db
            .fetch_all(sql("SELECT changes FROM audit_log WHERE entity = 'resource' AND entity_id = $1 AND changes LIKE '%managers%' ORDER BY id").bind(r))
            .await
            .expect("audit");
        assert_eq!(audit.len(), 2, "two changes, two entries: {audit:?}");
        let (first, second) = (jari.min(admin), jari.max(admin));
        assert!(audit[1].0.contains(&format!("\"old\":\"{first}, {second}\"")), "{audit:?}");
        assert!(audit[1].0.contains(&format!("\"new\":\"{jari}\"")), "{audit:?}");
    }

    async fn a_viewer_or_another_organisations_partner_cannot_be_a_manager(db) {
        let school = organisation(&db, "Lounais-Hämeen koulutuskuntayhtymä", "vocational_institution").await;
        let company = organisation(&db, "Forssan Konepaja Oy", "company").await;
        let jari = user(&db, "jari@lhkk.example", Role::Staff, None).await;
        let viewer = user(&db, "ville@lhkk.example", Role::Viewer, None).await;
        let outsider = user(&db, "pekka@konepaja.example", Role::Partner, Some(company)).await;
        let r = lathe(&db, school).await;
        set(&db, r, &[jari]).await.expect("set");
        for refused in [viewer, outsider, 999_999] {
            let e = set(&db, r, &[jari, refused]).await.expect_err("refused");
            assert!(matches!(e, StoreError::Invalid { field: "managers", key: "error-manager-not-eligible" }), "{e:?}");
        }
        let ids: Vec<i64> = manager::managers(&db, r).await.expect("read").into_iter().map(|m| m.user_id).collect();
        assert_eq!(ids, [jari], "a refused change writes nothing");
        // The owner's own partner users may look after its resources.
        let company_machine = lathe(&db, company).await;
        assert!(set(&db, company_machine, &[outsider]).await.expect("set"));
    }

    async fn a_booking_notice_reaches_the_managers_and_the_owner_organisations_users_each_once(db) {
        let school = organisation(&db, "Lounais-Hämeen koulutuskuntayhtymä", "vocational_institution").await;
        let company = organisation(&db, "Forssan Konepaja Oy", "company").await;
        let jari = user(&db, "jari@lhkk.example", Role::Staff, None).await;
        let tiina = user(&db, "tiina@lhkk.example", Role::Staff, Some(school)).await;
        let other_teacher = user(&db, "olli@lhkk.example", Role::Staff, None).await;
        let booker = user(&db, "pekka@konepaja.example", Role::Partner, Some(company)).await;
        let r = lathe(&db, school).await;
        let req = NewBooking {
            resource_id: r,
            kind: Kind::Booking,
            occurrences: vec![next_year_tuesday()],
            series: None,
            units: 1,
            booker_organisation_id: Some(company),
            contact_person_id: None,
            booked_by: Some(booker),
            purpose: None,
            people_count: None,
            skip_conflicts: false,
        };
        let made = booking::book(&db, &req, jiff::Timestamp::now(), &actor())
            .await
            .expect("store")
            .expect("accepted")
            .made;
        let id = made[0].id;
        assert_eq!(recipients_of(&db, id).await, [(booker, Side::Booker), (tiina, Side::Owner)],
            "without managers only the owner organisation's users are told");

        set(&db, r, &[jari, tiina]).await.expect("set");
        let mut told = recipients_of(&db, id).await;
        told.sort_by_key(|(user, _)| *user);
        let mut expected = vec![(booker, Side::Booker), (jari, Side::Owner), (tiina, Side::Owner)];
        expected.sort_by_key(|(user, _)| *user);
        assert_eq!(told, expected, "the manager who is also of the owner is told once");
        assert!(!told.iter().any(|(u, _)| *u == other_teacher), "a teacher who does not manage it is not told");
    }
}
